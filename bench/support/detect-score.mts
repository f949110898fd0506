/**
 * Scores a detect run: how late each stale and dead came after its deadline (the last heartbeat's
 * arrival + 1.5 × / 3 × the declared interval, on the monotonic clock), which stale or dead was false,
 * and which a stopped service never got in time.
 */
import type { Multipliers } from '../../src/main/core/interval'
import type { PlannedService } from './beat-plan.mts'
import type { OverdueGap } from './beat-publisher.mts'

/**
 * The engine keeps time in whole milliseconds (src/main/clock.ts) and its views give ages in them, so an
 * arrival read back from a view is known to ±1.
 */
const ARRIVAL_RESOLUTION_MS = 1

export interface ObservedTransition {
  service: string
  to: string
  /** performance.now() when the watcher emitted it. */
  atMs: number
}

/** Every time in performance.now() of the watcher's thread. */
export interface DetectRun {
  plan: readonly PlannedService[]
  transitions: readonly ObservedTransition[]
  /** The last heartbeat the watcher took from each service. */
  lastArrivalMs: ReadonlyMap<string, number>
  /** Silences the publisher itself caused (beat-publisher.mts). */
  overdue: readonly OverdueGap[]
  /** When the publisher stopped: services that fall silent after it are no concern. */
  endedAtMs: number
}

export interface DetectScore {
  /** One per stale and per dead of a stopped service, ms after its deadline. */
  lateMs: number[]
  /** Stale or dead for a service that was still beating, or before its deadline. */
  falseTransitions: ObservedTransition[]
  /** A stale or dead for a service the publisher itself had left silent too long: not counted. */
  excused: number
  /** A stale or dead a stopped service did not get within its deadline + slackMs. */
  missed: number
}

export function scoreDetection(run: DetectRun, factors: Multipliers, slackMs: number): DetectScore {
  const stoppedByName = new Map(run.plan.filter((s) => s.stopAtMs !== null).map((s) => [s.name, s]))
  /** The publisher's silence explains a transition that comes within it, or as its end is in flight. */
  const explained = (transition: ObservedTransition): boolean =>
    run.overdue.some(
      (gap) =>
        gap.service === transition.service &&
        gap.fromMs < transition.atMs &&
        transition.atMs < gap.toMs + slackMs,
    )
  const firstAtMs = new Map<string, number>()
  const falseTransitions: ObservedTransition[] = []
  let excused = 0
  for (const transition of run.transitions) {
    if ((transition.to !== 'stale' && transition.to !== 'dead') || transition.atMs >= run.endedAtMs) continue
    const key = `${transition.service}|${transition.to}`
    const arrivalMs = run.lastArrivalMs.get(transition.service)
    const whileBeating = arrivalMs === undefined || transition.atMs < arrivalMs
    if (stoppedByName.has(transition.service) && !whileBeating && !firstAtMs.has(key))
      firstAtMs.set(key, transition.atMs)
    else if (explained(transition)) excused++
    else falseTransitions.push(transition)
  }
  const lateMs: number[] = []
  let missed = 0
  for (const service of stoppedByName.values()) {
    const arrivalMs = run.lastArrivalMs.get(service.name)
    for (const [to, factor] of [
      ['stale', factors.staleFactor],
      ['dead', factors.deadFactor],
    ] as const) {
      const atMs = firstAtMs.get(`${service.name}|${to}`)
      if (arrivalMs === undefined || atMs === undefined) {
        missed++
        continue
      }
      const late = atMs - (arrivalMs + factor * service.intervalMs)
      if (late < -ARRIVAL_RESOLUTION_MS) falseTransitions.push({ service: service.name, to, atMs })
      else lateMs.push(late)
      if (late > slackMs) missed++
    }
  }
  return { lateMs, falseTransitions, excused, missed }
}

/**
 * The false transitions one watcher made that the other, taking the same beats at the same time, did
 * not make too (same service and state within `withinMs`). Those both made were silences the machine
 * made on the way (publisher, Redis, kernel), not the watcher's doing.
 */
export function notMadeByOther(
  mine: readonly ObservedTransition[],
  other: readonly ObservedTransition[],
  withinMs: number,
): ObservedTransition[] {
  return mine.filter(
    (transition) =>
      !other.some(
        (theirs) =>
          theirs.service === transition.service &&
          theirs.to === transition.to &&
          Math.abs(theirs.atMs - transition.atMs) <= withinMs,
      ),
  )
}
