/** Each bench, run tiny: it completes and prints its one JSON line with every field. Not a timing test. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const FIELDS: Record<string, string[]> = {
  ingest: ['engine_per_s', 'baseline_per_s', 'count_only_per_s', 'raw_per_s', 'ratio', 'services', 'lost'],
}

describe('benches (smoke)', () => {
  it.each(Object.keys(FIELDS))(
    '%s prints its fields',
    (name) => {
      const run = spawnSync(process.execPath, ['bench/run.mjs', name, '--smoke'], {
        encoding: 'utf8',
        timeout: 120_000,
      })
      expect(run.status, run.stderr).toBe(0)
      const line = run.stdout.trim().split('\n').pop() as string
      const result = JSON.parse(line) as Record<string, unknown>
      for (const field of FIELDS[name] as string[]) expect(result, field).toHaveProperty(field)
      expect(result.lost).toBe(0)
    },
    120_000,
  )
})
