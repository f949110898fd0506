import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoTime } from './iso-time'

describe('isoTime', () => {
  it('writes what toISOString writes, for any time', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (wallMs) => {
        expect(isoTime(wallMs)).toBe(new Date(wallMs).toISOString())
      }),
      { numRuns: 2_000 },
    )
  })

  it('writes what toISOString writes for times close together, fractions and the edges', () => {
    const now = Date.UTC(2026, 10, 27, 4, 13, 9, 999)
    for (let ms = now - 3_000; ms < now + 3_000; ms += 7) expect(isoTime(ms)).toBe(new Date(ms).toISOString())
    for (const wallMs of [0, 1, 999, 1000, now + 0.5, -1, Date.UTC(9999, 11, 31, 23, 59, 59, 999), 2.6e14])
      expect(isoTime(wallMs)).toBe(new Date(wallMs).toISOString())
  })
})
