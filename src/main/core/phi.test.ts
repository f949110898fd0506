import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PHI,
  adaptiveThresholds,
  elapsedAtPhi,
  gapStats,
  MIN_STD_DEV_MS,
  phi,
  phiOfSilence,
} from './phi'

const AKKA = { meanMs: 1000, stdDevMs: 100 }

describe('phi', () => {
  // Akka's PhiAccrualFailureDetectorSpec, "return realistic phi values": mean 1000 ms, std-dev 100 ms,
  // each value within ±0.1 as there.
  it.each([
    [0, 0.0],
    [500, 0.1],
    [1000, 0.3],
    [1200, 1.6],
    [1400, 4.7],
    [1600, 10.8],
    [1700, 15.3],
  ])('after %d ms of silence is %d', (elapsedMs, expected) => {
    expect(Math.abs(phi(elapsedMs, AKKA) - expected)).toBeLessThanOrEqual(0.1)
  })

  it('is -log10(1/2) at the mean, and grows with the silence', () => {
    expect(phi(1000, AKKA)).toBeCloseTo(Math.log10(2), 10)
    let previous = -Infinity
    for (let t = 0; t <= 3000; t += 10) {
      const value = phi(t, AKKA)
      expect(value).toBeGreaterThanOrEqual(previous)
      previous = value
    }
  })

  it('is infinite once the silence is far beyond anything seen', () => {
    expect(phi(100_000, AKKA)).toBe(Infinity)
  })
})

describe('elapsedAtPhi', () => {
  it.each([0.1, 0.301, 1, 3, 8, 12, 30])('inverts phi at φ = %d', (threshold) => {
    const elapsedMs = elapsedAtPhi(threshold, AKKA)
    expect(phi(elapsedMs, AKKA)).toBeCloseTo(threshold, 6)
  })

  it('puts φ = 3 and φ = 8 about 3.06 and 5.23 standard deviations past the mean', () => {
    expect(elapsedAtPhi(3, AKKA)).toBeCloseTo(1306, 0)
    expect(elapsedAtPhi(8, AKKA)).toBeCloseTo(1523, 0)
  })
})

describe('gapStats', () => {
  it('counts the expected interval ± a quarter as two samples, as Akka seeds its history', () => {
    // {750, 1250, 1000, 1000, 1000}: mean 1000, std-dev sqrt(2 · 250² / 5) ≈ 158
    expect(gapStats([1000, 1000, 1000], 0, 1000).meanMs).toBe(1000)
    expect(gapStats([1000, 1000, 1000], 0, 1000).stdDevMs).toBeCloseTo(Math.sqrt((2 * 250 ** 2) / 5), 6)
  })

  it('adds the acceptable pause to the mean and floors the spread at the minimum std-dev', () => {
    const steady = Array.from({ length: 20 }, () => 400)
    expect(gapStats(steady, 0, 400)).toEqual({ meanMs: 400, stdDevMs: MIN_STD_DEV_MS })
    expect(gapStats(steady, 500, 400)).toEqual({ meanMs: 900, stdDevMs: MIN_STD_DEV_MS })
  })
})

describe('adaptiveThresholds', () => {
  it('needs three gaps', () => {
    expect(adaptiveThresholds([1000, 1000], 1000, DEFAULT_PHI)).toBeNull()
    expect(phiOfSilence([1000, 1000], 1000, 5000, DEFAULT_PHI)).toBeNull()
  })

  it('turns φ thresholds into whole-ms deadlines at which φ has reached them', () => {
    const gaps = Array.from({ length: 20 }, (_, i) => 990 + (i % 3) * 10) // 990–1010 ms
    const thresholds = adaptiveThresholds(gaps, 1000, DEFAULT_PHI)
    if (!thresholds) throw new Error('expected thresholds')
    const { staleAfterMs, deadAfterMs } = thresholds
    // Spread floored at 100 ms: φ = 3 and 8 about 3.06 and 5.23 std-devs past the mean, as above.
    expect(staleAfterMs).toBeGreaterThan(1300)
    expect(deadAfterMs).toBeLessThan(1530)
    expect(phiOfSilence(gaps, 1000, staleAfterMs, DEFAULT_PHI)).toBeGreaterThanOrEqual(3)
    expect(phiOfSilence(gaps, 1000, staleAfterMs - 1, DEFAULT_PHI)).toBeLessThan(3)
    expect(phiOfSilence(gaps, 1000, deadAfterMs, DEFAULT_PHI)).toBeGreaterThanOrEqual(8)
    expect(phiOfSilence(gaps, 1000, deadAfterMs - 1, DEFAULT_PHI)).toBeLessThan(8)
  })

  it('gives a jittery publisher more room, and the acceptable pause moves both deadlines', () => {
    const steady = adaptiveThresholds([1000, 1000, 1000], 1000, DEFAULT_PHI)
    const jittery = adaptiveThresholds([600, 1400, 700, 1300], 1000, DEFAULT_PHI)
    const paused = adaptiveThresholds([1000, 1000, 1000], 1000, { ...DEFAULT_PHI, acceptablePauseMs: 2000 })
    expect(jittery?.deadAfterMs).toBeGreaterThan(steady?.deadAfterMs ?? Infinity)
    expect(paused).toEqual({
      staleAfterMs: (steady?.staleAfterMs ?? 0) + 2000,
      deadAfterMs: (steady?.deadAfterMs ?? 0) + 2000,
    })
  })

  it('is never tighter than the prior allows when three gaps happen to agree', () => {
    // Three gaps of 600 ms from a publisher declared at 1 s with ±40 % jitter: a fourth of 1.4 s is
    // still far from dead.
    const thresholds = adaptiveThresholds([600, 600, 600], 1000, DEFAULT_PHI)
    expect(thresholds?.deadAfterMs).toBeGreaterThan(1400 * 1.3)
  })
})
