import { describe, expect, it } from 'vitest'
import { KEPT_REJECTIONS, newSourceStats, REASON_CHARS, recordRejection } from './source-stats'

describe('source stats', () => {
  it('counts every rejection and keeps the last ten, reason and sample shortened', () => {
    const stats = newSourceStats(0)
    const quoting = `kind must be one of success, start, fail, got "${'y'.repeat(60_000)}"`
    for (let i = 0; i < 25; i++)
      recordRejection(stats, i === 24 ? quoting : `bad ${i}`, 'x'.repeat(60_000), i)
    expect(stats.rejected).toBe(25)
    expect(stats.lastRejections).toHaveLength(KEPT_REJECTIONS)
    expect(stats.lastRejections[0]?.reason).toBe('bad 15')
    const last = stats.lastRejections[KEPT_REJECTIONS - 1]
    expect(last?.reason).toBe(`${quoting.slice(0, REASON_CHARS)}…`)
    expect(last?.sample).toBe(`${'x'.repeat(200)}…`)
  })
})
