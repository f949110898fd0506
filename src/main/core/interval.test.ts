import { describe, expect, it } from 'vitest'
import {
  expectedInterval,
  median,
  pushGap,
  sortedCopy,
  thresholdsFor,
  DEFAULT_MULTIPLIERS,
  LEARN_WINDOW,
} from './interval'
import { overrideFor } from './settings'

const base = { overrideMs: null, declaredMs: null, gapsMs: [] as number[], sourceDefaultMs: 60_000 }

describe('expected interval', () => {
  it('takes the config override first, then the declared interval, then the learned median, then the default', () => {
    const gaps = [1_000, 1_100, 900]
    expect(expectedInterval({ ...base, overrideMs: 5_000, declaredMs: 7_000, gapsMs: gaps })).toEqual({
      ms: 5_000,
      origin: 'config',
    })
    expect(expectedInterval({ ...base, declaredMs: 7_000, gapsMs: gaps })).toEqual({
      ms: 7_000,
      origin: 'declared',
    })
    expect(expectedInterval({ ...base, gapsMs: gaps })).toEqual({ ms: 1_000, origin: 'learned' })
    expect(expectedInterval({ ...base, gapsMs: [1_000, 1_000] })).toEqual({ ms: 60_000, origin: 'default' })
  })

  it('keeps only the last 20 gaps', () => {
    const gaps: number[] = []
    const sorted: number[] = []
    for (let i = 0; i < 30; i++) pushGap(gaps, sorted, i)
    expect(gaps).toHaveLength(LEARN_WINDOW)
    expect(gaps[0]).toBe(10)
    expect(sorted).toEqual(gaps)
  })

  it('keeps the sorted window the same gaps as the window, in order, whatever comes', () => {
    const gaps: number[] = []
    const sorted: number[] = []
    let seed = 7
    for (let i = 0; i < 500; i++) {
      seed = (seed * 16_807) % 2_147_483_647
      pushGap(gaps, sorted, i % 9 === 0 ? 1_000 : seed % 5_000)
      expect(sorted).toEqual(sortedCopy(gaps))
      expect(median(sorted)).toBe(median(gaps))
    }
  })

  it('gives 90 s / 180 s at the 60 s default, as seed 001 does', () => {
    expect(thresholdsFor(60_000, DEFAULT_MULTIPLIERS)).toEqual({ staleAfterMs: 90_000, deadAfterMs: 180_000 })
  })

  it('takes the median, robust to one long outage gap', () => {
    expect(median([1_000, 1_000, 1_000, 600_000])).toBe(1_000)
    expect(median([3, 1, 2])).toBe(2)
  })
})

describe('overrides', () => {
  it('prefers an exact name over a glob', () => {
    const overrides = [
      { service: 'billing-*', intervalMs: 30_000 },
      { service: 'billing-api', intervalMs: 5_000 },
    ]
    expect(overrideFor(overrides, 'billing-api')).toBe(5_000)
    expect(overrideFor(overrides, 'billing-cron')).toBe(30_000)
    expect(overrideFor(overrides, 'geocoder')).toBeNull()
    expect(overrideFor([{ service: 'a.b', intervalMs: 1 }], 'axb')).toBeNull()
  })
})
