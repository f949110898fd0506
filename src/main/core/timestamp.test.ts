import { describe, expect, it } from 'vitest'
import { parseTimestampMs } from './timestamp'

describe('parseTimestampMs', () => {
  it('reads ISO with an offset, Z and UTC suffixes', () => {
    expect(parseTimestampMs('2025-01-16T08:30:00.123456+00:00')).toBe(Date.UTC(2025, 0, 16, 8, 30, 0, 123))
    expect(parseTimestampMs('2025-01-16T10:30:00+02:00')).toBe(Date.UTC(2025, 0, 16, 8, 30, 0))
    expect(parseTimestampMs('2025-11-05T10:15:30Z')).toBe(Date.UTC(2025, 10, 5, 10, 15, 30))
    expect(parseTimestampMs('2024-11-11 13:40:17 UTC')).toBe(Date.UTC(2024, 10, 11, 13, 40, 17))
  })

  it('reads naive times in the zone the caller names', () => {
    expect(parseTimestampMs('2025-05-18 10:00:00', 'utc')).toBe(Date.UTC(2025, 4, 18, 10))
    expect(parseTimestampMs('2025-05-18 10:00:00.5', 'local')).toBe(
      new Date(2025, 4, 18, 10, 0, 0, 500).getTime(),
    )
  })

  it('reads epoch seconds and epoch milliseconds', () => {
    expect(parseTimestampMs(1_795_447_220.51)).toBe(1_795_447_220_510)
    expect(parseTimestampMs(1_795_447_220_510)).toBe(1_795_447_220_510)
  })

  it('gives null for what it cannot read', () => {
    expect(parseTimestampMs('yesterday')).toBeNull()
    expect(parseTimestampMs(null)).toBeNull()
    expect(parseTimestampMs(Number.NaN)).toBeNull()
  })
})

describe('parseTimestampMs refuses what is not a time', () => {
  it.each([
    '2025-13-01T00:00:00Z',
    '2025-01-16T08:30:00+2:00',
    '2025-01-16T08:30:00 EST',
    '2025-01-16T08:30:00.',
    '2025/01/16 08:30:00',
    '2025-01-16T25:00:00Z',
    '',
  ])('%j', (text) => {
    expect(parseTimestampMs(text)).toBeNull()
  })

  it('reads short offsets and surrounding spaces', () => {
    expect(parseTimestampMs(' 2025-01-16T10:30:00+02 ')).toBe(Date.UTC(2025, 0, 16, 8, 30))
    expect(parseTimestampMs('2025-01-16T03:00:00-0530')).toBe(Date.UTC(2025, 0, 16, 8, 30))
    expect(parseTimestampMs('2025-01-16 08:30')).toBe(Date.UTC(2025, 0, 16, 8, 30))
  })
})

describe('parseTimestampMs agrees with Date.UTC', () => {
  it('on every day across four centuries and leap days', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2300, 0, 1); ms += 86_400_000 * 7 + 3_723_456) {
      const iso = new Date(ms).toISOString()
      expect(parseTimestampMs(iso)).toBe(ms)
    }
    expect(parseTimestampMs('2024-02-29T12:00:00Z')).toBe(Date.UTC(2024, 1, 29, 12))
    expect(parseTimestampMs('2000-02-29 00:00:00 UTC')).toBe(Date.UTC(2000, 1, 29))
  })
})
