/** An instance's recent past as spans of state, for the uptime bar: from its transitions in the history. */
import type { ServiceState, TransitionView } from '../../shared/model'

export interface UptimeSpan {
  /** Null: before we knew of it. */
  state: ServiceState | null
  startMs: number
  endMs: number
}

/**
 * Spans covering [windowStartMs, nowMs]. `transitions` are this instance's, oldest first. Before the
 * first transition we know its `from` state, unless that is `unknown`, which is how every instance
 * starts: then we knew nothing of it yet. With no transitions, `sinceIso` says how long the current
 * state has lasted.
 */
export function uptimeSpans(
  transitions: readonly TransitionView[],
  current: { state: ServiceState; since: string },
  windowStartMs: number,
  nowMs: number,
): UptimeSpan[] {
  const changes = transitions.map((transition) => ({ atMs: Date.parse(transition.at), transition }))
  const spans: UptimeSpan[] = []
  const push = (state: ServiceState | null, startMs: number, endMs: number): void => {
    const start = Math.max(startMs, windowStartMs)
    const end = Math.min(endMs, nowMs)
    if (end <= start) return
    const last = spans.at(-1)
    if (last && last.state === state && last.endMs === start) last.endMs = end
    else spans.push({ state, startMs: start, endMs: end })
  }
  const first = changes[0]
  if (first === undefined) {
    const sinceMs = Date.parse(current.since)
    push(null, windowStartMs, sinceMs)
    push(current.state, sinceMs, nowMs)
    return spans
  }
  push(first.transition.from === 'unknown' ? null : first.transition.from, windowStartMs, first.atMs)
  changes.forEach(({ atMs, transition }, index) => {
    const nextAtMs = changes[index + 1]?.atMs ?? nowMs
    push(transition.to, atMs, nextAtMs)
  })
  return spans
}

/** The share of the known time spent alive, 0..1, or null if nothing is known. */
export function aliveShare(spans: readonly UptimeSpan[]): number | null {
  let knownMs = 0
  let aliveMs = 0
  for (const span of spans) {
    if (span.state === null) continue
    knownMs += span.endMs - span.startMs
    if (span.state === 'alive') aliveMs += span.endMs - span.startMs
  }
  return knownMs === 0 ? null : aliveMs / knownMs
}

const MINUTE_MS = 60_000

/**
 * How far back the bar looks: `maxMs`, or less for an instance younger than that, so its whole short
 * life fills the bar rather than a sliver at its end. Whole minutes, at least one.
 */
export function uptimeWindowMs(
  transitions: readonly TransitionView[],
  current: { since: string },
  nowMs: number,
  maxMs: number,
): number {
  const first = transitions[0]
  const bornAt =
    first === undefined ? Date.parse(current.since) : first.from === 'unknown' ? Date.parse(first.at) : null
  if (bornAt === null || Number.isNaN(bornAt)) return maxMs
  const lifeMs = Math.ceil(Math.max(0, nowMs - bornAt) / MINUTE_MS) * MINUTE_MS
  return Math.min(maxMs, Math.max(MINUTE_MS, lifeMs))
}
