/** A change of an instance's state, and why it changed, in words for the history and notifications. */
import type { ServiceState } from '../../shared/model'
import type { Thresholds } from './classify'
import { describeAge } from './describe'
import type { Instant } from './instant'
import type { InstanceRecord } from './registry'

export interface Transition {
  id: string
  service: string
  instance: string
  sourceId: string
  from: ServiceState
  to: ServiceState
  atMs: number
  atWallMs: number
  reason: string
}

/** What most calls return: one shared empty list instead of a new one per heartbeat. */
const NO_TRANSITIONS: readonly Transition[] = Object.freeze([])

/** One or two transitions as a list, or the shared empty one. */
export function transitionList(
  first: Transition | null,
  second: Transition | null = null,
): readonly Transition[] {
  if (first === null) return second === null ? NO_TRANSITIONS : [second]
  return second === null ? [first] : [first, second]
}

/** The transition of a record that has just entered its current state. */
export function transitionOf(
  record: InstanceRecord,
  from: ServiceState,
  now: Instant,
  reason: string,
): Transition {
  return {
    id: record.id,
    service: record.service,
    instance: record.instance,
    sourceId: record.sourceId,
    from,
    to: record.state,
    atMs: now.monoMs,
    atWallMs: now.wallMs,
    reason,
  }
}

/** Why an instance turned `stale` or `dead` by itself: how long it has been silent, and the limit. */
export function silenceReason(
  record: InstanceRecord,
  state: ServiceState,
  nowMs: number,
  thresholds: Thresholds,
): string {
  const since = record.graceFromMs !== null && (record.lastSeenMs ?? -Infinity) < record.graceFromMs
  const reference = since ? (record.graceFromMs as number) : (record.lastSeenMs ?? nowMs)
  const limit = state === 'dead' ? thresholds.deadAfterMs : thresholds.staleAfterMs
  const silence = `no heartbeat for ${describeAge(nowMs - reference)}${since ? ' since reconnecting' : ''}`
  return `${silence} (${state} after ${describeAge(limit)})`
}
