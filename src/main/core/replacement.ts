/**
 * A restart is not a death (issue 8). Every system our users run gives a restarted process a new
 * instance id and leaves the old one silent. A silent instance is `gone`, replaced, when an unclaimed
 * instance of the same service, on the same host where both hosts are known, first appeared within one
 * dead interval of the silent one's last heartbeat, whichever came first (rolling deploys start the new
 * one first). Each new instance replaces at most one old one: two replicas lost and one back still
 * leaves one dead.
 */
import type { InstanceRecord } from './registry'

/** For an instance falling silent: the live newcomer that took its place, if any. */
export function findSuccessor(
  silent: InstanceRecord,
  siblings: Iterable<InstanceRecord>,
  deadAfterMs: number,
): InstanceRecord | null {
  if (silent.lastSeenMs === null || !silent.replaceable) return null
  let best: InstanceRecord | null = null
  let bestDistance = Infinity
  for (const candidate of siblings) {
    if (candidate === silent || !candidate.replaceable || candidate.replaces !== null) continue
    if (candidate.state !== 'alive') continue
    if (candidate.firstSeenMs === null || !sameHost(silent, candidate)) continue
    const distance = Math.abs(candidate.firstSeenMs - silent.lastSeenMs)
    if (distance <= deadAfterMs && distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/** For a newcomer: the silent instance it replaces, if any, the most recently heard from first. */
export function findPredecessor(
  newcomer: InstanceRecord,
  siblings: Iterable<InstanceRecord>,
  deadAfterOf: (record: InstanceRecord) => number,
  nowMs: number,
): InstanceRecord | null {
  if (newcomer.replaces !== null || !newcomer.replaceable) return null
  let best: InstanceRecord | null = null
  for (const candidate of siblings) {
    if (candidate === newcomer || !candidate.replaceable || candidate.replacedBy !== null) continue
    if (candidate.gone || candidate.stopped) continue
    if (candidate.state !== 'stale' && candidate.state !== 'dead') continue
    if (candidate.lastSeenMs === null || !sameHost(candidate, newcomer)) continue
    if (nowMs - candidate.lastSeenMs > deadAfterOf(candidate)) continue
    if (best === null || candidate.lastSeenMs > (best.lastSeenMs as number)) best = candidate
  }
  return best
}

function sameHost(a: InstanceRecord, b: InstanceRecord): boolean {
  return a.host === null || b.host === null || a.host === b.host
}
