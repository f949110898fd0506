/** Core records turned into the plain views of the shared contract. */
import type { ServiceView, SourceView, TransitionView } from '../../shared/model'
import type { Instant, Monitor, Transition } from './monitor'
import type { Mute } from './mutes'
import { payloadOf, skewOf, type InstanceRecord } from './registry'
import type { SourceStats } from './source-stats'

export function serviceView(
  monitor: Monitor,
  record: InstanceRecord,
  now: Instant,
  mute: Mute | null,
): ServiceView {
  const interval = monitor.intervalOf(record)
  const thresholds = monitor.thresholdsOf(record)
  // Whole milliseconds: a view goes out for every instance in every snapshot, and 17 digits of a
  // fraction of a millisecond per number nearly doubled its size.
  const payload = payloadOf(record)
  const ageMs = record.lastSeenMs === null ? null : Math.round(now.monoMs - record.lastSeenMs)
  return {
    id: record.id,
    service: record.service,
    instance: record.instance,
    host: record.host,
    source: record.sourceId,
    state: record.state,
    since: new Date(record.stateSinceWallMs).toISOString(),
    lastSeen: ageMs === null ? null : new Date(now.wallMs - ageMs).toISOString(),
    ageMs,
    // A declared interval may be a fraction of a millisecond; every other time here is whole (clock.ts).
    expectedIntervalMs: Math.round(interval.ms),
    intervalOrigin: interval.origin,
    staleAfterMs: thresholds.staleAfterMs,
    deadAfterMs: thresholds.deadAfterMs,
    reported: record.reported,
    skewMs: skewOf(record, payload, now),
    phi: viewPhi(monitor.phiOf(record, now.monoMs)),
    heartbeats: record.heartbeats,
    payload,
    gapsMs: [...record.gapsMs],
    replacedBy: record.replacedBy,
    replaces: record.replaces,
    muted: mute
      ? { until: mute.untilWallMs === null ? null : new Date(mute.untilWallMs).toISOString() }
      : null,
  }
}

/** φ beyond 99 (a 1-in-10^99 silence) says nothing more, and Infinity would not survive JSON. */
function viewPhi(phi: number | null): number | null {
  return phi === null ? null : Math.min(phi, 99)
}

export function sourceView(id: string, url: string, kind: string, stats: SourceStats): SourceView {
  return {
    id,
    url,
    kind,
    state: stats.state,
    since: new Date(stats.sinceWallMs).toISOString(),
    lastError: stats.lastError,
    received: stats.received,
    rejected: stats.rejected,
    lastRejections: [...stats.lastRejections],
    details: { ...stats.details },
  }
}

export function transitionView(transition: Transition): TransitionView {
  return {
    id: transition.id,
    service: transition.service,
    instance: transition.instance,
    source: transition.sourceId,
    from: transition.from,
    to: transition.to,
    at: new Date(transition.atWallMs).toISOString(),
    reason: transition.reason,
  }
}
