/** Each bench, run tiny: it completes and prints its one JSON line with every field. Not a timing test. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const FIELDS: Record<string, string[]> = {
  ingest: ['engine_per_s', 'baseline_per_s', 'count_only_per_s', 'raw_per_s', 'ratio', 'services', 'lost'],
  push: ['push_per_s', 'baseline_per_s', 'ratio', 'p99_ms', 'errors', 'lost', 'rejected'],
  detect: [
    'late_p50_ms',
    'late_p99_ms',
    'late_max_ms',
    'false_transitions',
    'missed',
    'baseline_late_p99_ms',
    'app_late_p99_ms',
    'heartbeats_per_s',
    'services',
    'lost',
  ],
  restart: ['restart_ms', 'baseline_ms', 'ratio', 'empty_start_ms', 'services', 'armed_checked'],
  ui: [
    'snapshot_render_ms',
    'baseline_render_ms',
    'render_ratio',
    'bridge_msgs_per_s',
    'frame_p95_ms',
    'dom_rows',
    'services',
    'feed_failed',
  ],
  footprint: [
    'rss_mb_steady',
    'rss_mb_growth_per_hour',
    'idle_cpu_pct',
    'baseline_rss_mb_steady',
    'rss_ratio',
    'baseline_idle_cpu_pct',
    'services',
    'lost',
  ],
}
/** What a bench lost or failed to deliver, where it counts that: in a smoke run, nothing. */
const NOTHING_LOST = ['lost', 'feed_failed', 'baseline_lost']

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
      for (const field of NOTHING_LOST) if (field in result) expect(result[field], field).toBe(0)
    },
    120_000,
  )
})
