/** Per-instance records: what we know of each instance, keyed by source, service and instance. */
import type { ServiceState } from '../../shared/model'
import { instanceIdOf } from '../../shared/rollup'
import type { HeapEntry } from './deadline-heap'
import { sentAtIn, type Heartbeat } from './heartbeat'
import { LEARN_WINDOW, pushGap, sortedCopy } from './interval'
import type { PersistedInstance } from './persisted-state'
import { parseJsonObject } from './decode/json-object'

export interface InstanceRecord extends HeapEntry {
  readonly id: string
  readonly sourceId: string
  readonly service: string
  readonly instance: string
  host: string | null
  state: ServiceState
  /** Monotonic ms of the last state change, and the same instant on the wall clock. */
  stateSinceMs: number
  stateSinceWallMs: number
  lastSeenMs: number | null
  graceFromMs: number | null
  /** Recent inter-arrival gaps, oldest first; never spans a time we were not listening. */
  gapsMs: number[]
  /** The same gaps in order, for the median (see pushGap). */
  sortedGapsMs: number[]
  declaredIntervalMs: number | null
  reported: string | null
  /**
   * The publisher's clock in its last message (Heartbeat.sentAtMs, or its payload's sentAtField), and
   * our monotonic clock when it came: a wall-clock number would be a new heap object per heartbeat.
   */
  sentAtMs: number | null
  sentAtField: string | null
  reportedAtMs: number
  heartbeats: number
  /** The last payload, or the JSON it is parsed from when shown (see Heartbeat.fieldsJson). */
  payload: Record<string, unknown> | string
  /**
   * Heartbeat.cpuPercent and memoryMb of the last message; NaN where it did not name them. Never null,
   * so each stays a number field that is written in place, not a new heap object per heartbeat.
   */
  cpuPercent: number
  memoryMb: number
  stopped: boolean
  gone: boolean
  /** The last beat marker seen (see Heartbeat.beatMarker). */
  beatMarker: string | null
  /** The instance that replaced this one, when `gone` because of a restart under a new id. */
  replacedBy: string | null
  /** The instance this one replaced (each replaces at most one). */
  replaces: string | null
  /** See Heartbeat.replaceable. */
  readonly replaceable: boolean
  /** Monotonic ms of its first heartbeat, or null if none yet (seen only in a first scan). */
  firstSeenMs: number | null
  /** When its classification next changes by itself (the detector's deadline), or null. */
  dueAtMs: number | null
  /** See InstanceChanges.mark. */
  changeEpoch: number
}

export function newRecord(
  sourceId: string,
  heartbeat: Heartbeat,
  nowMs: number,
  wallMs: number,
): InstanceRecord {
  return {
    id: instanceIdOf(sourceId, heartbeat.service, heartbeat.instance),
    sourceId,
    service: heartbeat.service,
    instance: heartbeat.instance,
    host: heartbeat.host,
    state: 'unknown',
    stateSinceMs: nowMs,
    stateSinceWallMs: wallMs,
    lastSeenMs: null,
    graceFromMs: null,
    gapsMs: [],
    sortedGapsMs: [],
    declaredIntervalMs: null,
    reported: null,
    sentAtMs: null,
    sentAtField: null,
    reportedAtMs: nowMs,
    heartbeats: 0,
    payload: {},
    cpuPercent: Number.NaN,
    memoryMb: Number.NaN,
    stopped: false,
    gone: false,
    beatMarker: null,
    replacedBy: null,
    replaces: null,
    replaceable: heartbeat.replaceable !== false,
    firstSeenMs: null,
    dueAtMs: null,
    changeEpoch: -1,
    heapDeadlineMs: 0,
    heapIndex: -1,
  }
}

/** Records a heartbeat's arrival at nowMs (our monotonic clock) and what it says. */
export function applyHeartbeat(record: InstanceRecord, heartbeat: Heartbeat, nowMs: number): void {
  const listenedThroughout = record.graceFromMs === null && !record.stopped && !record.gone
  if (record.lastSeenMs !== null && listenedThroughout)
    pushGap(record.gapsMs, record.sortedGapsMs, nowMs - record.lastSeenMs)
  record.lastSeenMs = nowMs
  record.firstSeenMs ??= nowMs
  record.graceFromMs = null
  record.heartbeats++
  record.replacedBy = null
  record.gone = false
  record.stopped = heartbeat.goodbye
  applyReport(record, heartbeat, nowMs)
}

/** What a message says about an instance, without it counting as a heartbeat. */
export function applyReport(record: InstanceRecord, heartbeat: Heartbeat, nowMs: number): void {
  record.host = heartbeat.host ?? record.host
  record.declaredIntervalMs = heartbeat.declaredIntervalMs
  record.reported = heartbeat.reported
  record.sentAtMs = heartbeat.sentAtMs
  record.sentAtField = heartbeat.sentAtField ?? null
  record.reportedAtMs = nowMs
  record.payload = heartbeat.fieldsJson ?? heartbeat.fields
  record.cpuPercent = heartbeat.cpuPercent ?? Number.NaN
  record.memoryMb = heartbeat.memoryMb ?? Number.NaN
  record.beatMarker = heartbeat.beatMarker
}

export function payloadOf(record: InstanceRecord): Record<string, unknown> {
  if (typeof record.payload !== 'string') return record.payload
  // It parsed as an object when it came; anything else would mean the string was not what we kept.
  const parsed = parseJsonObject(record.payload)
  return parsed.ok ? parsed.object : {}
}

/** The publisher's clock minus ours when its last message came, or null if it did not say. */
export function skewOf(
  record: InstanceRecord,
  payload: Record<string, unknown>,
  now: { monoMs: number; wallMs: number },
): number | null {
  const sentAtMs = sentAtIn(record.sentAtMs, record.sentAtField, payload)
  if (sentAtMs === null) return null
  const reportedAtWallMs = now.wallMs - (now.monoMs - record.reportedAtMs)
  return sentAtMs - reportedAtWallMs
}

/** A record as saved before a restart: in grace from now, its age kept on our clock. */
export function restoredRecord(
  saved: PersistedInstance,
  now: { monoMs: number; wallMs: number },
): InstanceRecord {
  const record = newRecord(
    saved.sourceId,
    {
      service: saved.service,
      instance: saved.instance,
      host: saved.host,
      sentAtMs: null,
      declaredIntervalMs: saved.declaredIntervalMs,
      reported: saved.reported,
      goodbye: saved.stopped,
      fields: {},
      beatMarker: saved.beatMarker,
      replaceable: saved.replaceable,
    },
    now.monoMs,
    now.wallMs,
  )
  record.lastSeenMs = saved.lastSeenWallMs === null ? null : now.monoMs - (now.wallMs - saved.lastSeenWallMs)
  record.graceFromMs = now.monoMs
  // Known from before: never a newcomer that replaces a sibling, and never taken for one.
  record.firstSeenMs = Number.NEGATIVE_INFINITY
  // Whole milliseconds, as the clock gives them now (clock.ts); older state files kept fractions.
  record.gapsMs = saved.gapsMs.slice(-LEARN_WINDOW).map(Math.round)
  record.sortedGapsMs = sortedCopy(record.gapsMs)
  record.declaredIntervalMs = saved.declaredIntervalMs
  record.reported = saved.reported
  record.heartbeats = saved.heartbeats
  record.beatMarker = saved.beatMarker
  record.stopped = saved.stopped
  record.gone = saved.gone
  record.replacedBy = saved.replacedBy
  record.replaces = saved.replaces
  return record
}
