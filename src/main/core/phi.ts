/**
 * The φ accrual failure detector (Hayashibara et al. 2004), as Akka computes it. Instead of a yes/no
 * timeout it says how unlikely the current silence is, given the instance's own recent gaps:
 * φ = -log10(P(a gap at least this long)). φ = 3 means a 1-in-1000 silence, φ = 8 one in 10^8.
 * φ grows monotonically with the silence, so each φ threshold is one elapsed time: the detector keeps
 * arming a single deadline per instance, it just puts it where φ crosses the threshold.
 */
import type { Thresholds } from './classify'

export interface PhiSettings {
  /** Stale once φ reaches this (1-in-1000 silence by default). */
  phiStale: number
  /** Dead once φ reaches this (Akka's default threshold: 8). */
  phiDead: number
  /** Added to the mean gap: a pause this long is expected and costs no φ (Akka's acceptable pause). */
  acceptablePauseMs: number
}

export const DEFAULT_PHI: PhiSettings = { phiStale: 3, phiDead: 8, acceptablePauseMs: 0 }

/** Akka's default: a publisher as regular as a metronome must not make every late millisecond fatal. */
export const MIN_STD_DEV_MS = 100
/** With fewer gaps than this the spread means nothing; the fixed multipliers decide instead. */
export const PHI_MIN_GAPS = 3

/** The gap distribution φ is measured against. */
export interface GapStats {
  meanMs: number
  stdDevMs: number
}

// Akka's logistic approximation of the normal CDF: 1 - CDF(y) ≈ 1 / (1 + exp(y·(A + B·y²))).
const A = 1.5976
const B = 0.070566

/**
 * The gaps' mean (plus the acceptable pause) and standard deviation (at least MIN_STD_DEV_MS). Like
 * Akka, the history starts with two samples at the expected interval ± a quarter (its
 * firstHeartbeatEstimate seeding); our window is only LEARN_WINDOW gaps, so they stay: a prior that
 * keeps three gaps that happen to agree from making the deadline hair-trigger.
 */
export function gapStats(gapsMs: readonly number[], acceptablePauseMs: number, expectedMs: number): GapStats {
  const priorLowMs = expectedMs * 0.75
  const priorHighMs = expectedMs * 1.25
  let sum = priorLowMs + priorHighMs
  for (const gap of gapsMs) sum += gap
  const count = gapsMs.length + 2
  const mean = sum / count
  let squares = (priorLowMs - mean) ** 2 + (priorHighMs - mean) ** 2
  for (const gap of gapsMs) squares += (gap - mean) ** 2
  const stdDev = Math.sqrt(squares / count)
  return { meanMs: mean + acceptablePauseMs, stdDevMs: Math.max(stdDev, MIN_STD_DEV_MS) }
}

/** φ after `elapsedMs` of silence; Akka's formula, two branches for precision on either side. */
export function phi(elapsedMs: number, stats: GapStats): number {
  const y = (elapsedMs - stats.meanMs) / stats.stdDevMs
  const e = Math.exp(-y * (A + B * y * y))
  return elapsedMs > stats.meanMs ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e))
}

/**
 * The silence at which φ reaches `threshold`: the inverse of `phi`. 1/p - 1 = exp(y·(A + B·y²)) with
 * p = 10^-φ gives the cubic B·y³ + A·y - ln(10^φ - 1) = 0, increasing in y, so it has one real root
 * (Cardano's formula).
 */
export function elapsedAtPhi(threshold: number, stats: GapStats): number {
  const logOdds = Math.log(Math.pow(10, threshold) - 1)
  const p = A / B
  const q = -logOdds / B
  const root = Math.sqrt((q * q) / 4 + (p * p * p) / 27)
  const y = Math.cbrt(-q / 2 + root) + Math.cbrt(-q / 2 - root)
  return stats.meanMs + y * stats.stdDevMs
}

/**
 * Stale and dead after the silences at which φ reaches its thresholds, rounded up to whole ms so that
 * φ at the deadline is at least the threshold; null while there are too few gaps to judge.
 */
export function adaptiveThresholds(
  gapsMs: readonly number[],
  expectedMs: number,
  settings: PhiSettings,
): Thresholds | null {
  if (gapsMs.length < PHI_MIN_GAPS) return null
  const stats = gapStats(gapsMs, settings.acceptablePauseMs, expectedMs)
  const staleAfterMs = Math.max(1, Math.ceil(elapsedAtPhi(settings.phiStale, stats)))
  const deadAfterMs = Math.max(staleAfterMs + 1, Math.ceil(elapsedAtPhi(settings.phiDead, stats)))
  return { staleAfterMs, deadAfterMs }
}

/** φ of the current silence, or null while there are too few gaps. */
export function phiOfSilence(
  gapsMs: readonly number[],
  expectedMs: number,
  elapsedMs: number,
  settings: PhiSettings,
): number | null {
  if (gapsMs.length < PHI_MIN_GAPS) return null
  return phi(elapsedMs, gapStats(gapsMs, settings.acceptablePauseMs, expectedMs))
}
