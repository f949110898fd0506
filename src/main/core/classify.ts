/** Liveness from arrival times alone: the heart of the detector, a pure function of time. */
import type { ServiceState } from '../../shared/model'

export interface Thresholds {
  staleAfterMs: number
  deadAfterMs: number
}

export interface LivenessInput {
  /** Monotonic ms of the last heartbeat received, or null if none since start. */
  lastSeenMs: number | null
  /** Monotonic ms from which a grace period runs (after a reconnect, start-up or wake), or null. */
  graceFromMs: number | null
  /** The instance said goodbye and has not spoken since. */
  stopped: boolean
  /** Replaced by a newer instance or removed from its registry, and not heard from since. */
  gone: boolean
  sourceConnected: boolean
}

/**
 * Ages are measured from the last heartbeat, or from the start of a grace period when that is later:
 * after a reconnect a service gets one full stale interval before it can be stale, and it is `unknown`
 * until it speaks, since we cannot know what happened while we were not listening.
 */
export function classify(input: LivenessInput, nowMs: number, thresholds: Thresholds): ServiceState {
  if (input.gone) return 'gone'
  if (input.stopped) return 'stopped'
  if (!input.sourceConnected) return 'unknown'
  const reference = referenceMs(input)
  if (reference === null) return 'unknown'
  const ageMs = nowMs - reference.atMs
  if (ageMs < thresholds.staleAfterMs) return reference.inGrace ? 'unknown' : 'alive'
  if (ageMs < thresholds.deadAfterMs) return 'stale'
  return 'dead'
}

/** The monotonic time at which `classify` would next give another answer, or null if never by itself. */
export function nextChangeMs(input: LivenessInput, nowMs: number, thresholds: Thresholds): number | null {
  if (input.gone || input.stopped || !input.sourceConnected) return null
  const reference = referenceMs(input)
  if (reference === null) return null
  const ageMs = nowMs - reference.atMs
  if (ageMs < thresholds.staleAfterMs) return reference.atMs + thresholds.staleAfterMs
  if (ageMs < thresholds.deadAfterMs) return reference.atMs + thresholds.deadAfterMs
  return null
}

function referenceMs(input: LivenessInput): { atMs: number; inGrace: boolean } | null {
  const { lastSeenMs, graceFromMs } = input
  if (graceFromMs !== null && (lastSeenMs === null || graceFromMs > lastSeenMs)) {
    return { atMs: graceFromMs, inGrace: true }
  }
  return lastSeenMs === null ? null : { atMs: lastSeenMs, inGrace: false }
}
