/**
 * A record found in a registry's first scan says nothing of when the instance last beat: it starts in
 * grace, `unknown` until its beat marker moves.
 */
import { describeAge } from './describe'
import { sentAtOf, type Heartbeat } from './heartbeat'
import type { Instant } from './instant'
import type { InstanceRecord } from './registry'

export const SEEN_IN_REGISTRY = 'first seen in its registry'

/** Puts a record found in a first scan in grace, or among the gone; returns why, for its transition. */
export function admitFirstScanned(
  record: InstanceRecord,
  heartbeat: Heartbeat,
  now: Instant,
  goneRetentionMs: number,
): string {
  record.graceFromMs = now.monoMs
  // A registry that never deletes (seed 000's hash) keeps every worker that ever ran: one that last
  // beat longer ago than we keep gone instances is history, not an alarm.
  const sentAtMs = sentAtOf(heartbeat)
  const ageMs = sentAtMs === null ? null : now.wallMs - sentAtMs
  if (ageMs !== null && goneRetentionMs > 0 && ageMs > goneRetentionMs) {
    record.gone = true
    return `last heartbeat ${describeAge(ageMs)} before we started watching`
  }
  return SEEN_IN_REGISTRY
}
