/**
 * What survives a restart of the app, per instance: identity, when it was last heard from (wall clock),
 * the learned gaps, what it reported, and whether it had stopped or was gone. After a restart every
 * instance is `unknown` (last seen …) until a fresh heartbeat or a deadline decides.
 */
import type { ServiceState } from '../../shared/model'
import { parseTolerantJson } from './decode/tolerant-json'
import type { Instant } from './monitor'
import type { InstanceRecord } from './registry'

export interface PersistedInstance {
  sourceId: string
  service: string
  instance: string
  host: string | null
  state: ServiceState
  lastSeenWallMs: number | null
  gapsMs: number[]
  declaredIntervalMs: number | null
  reported: string | null
  heartbeats: number
  beatMarker: string | null
  stopped: boolean
  gone: boolean
  replacedBy: string | null
  replaces: string | null
  replaceable: boolean
}

export interface PersistedState {
  version: 1
  savedAtWallMs: number
  instances: PersistedInstance[]
}

export function persistRecord(record: InstanceRecord, now: Instant): PersistedInstance {
  return {
    sourceId: record.sourceId,
    service: record.service,
    instance: record.instance,
    host: record.host,
    state: record.state,
    lastSeenWallMs: record.lastSeenMs === null ? null : now.wallMs - (now.monoMs - record.lastSeenMs),
    gapsMs: [...record.gapsMs],
    declaredIntervalMs: record.declaredIntervalMs,
    reported: record.reported,
    heartbeats: record.heartbeats,
    beatMarker: record.beatMarker,
    stopped: record.stopped,
    gone: record.gone,
    replacedBy: record.replacedBy,
    replaces: record.replaces,
    replaceable: record.replaceable,
  }
}

export function parsePersistedState(
  text: string,
): { ok: true; value: PersistedState } | { ok: false; error: string } {
  const parsed = parseTolerantJson(text)
  if (!parsed.ok) return { ok: false, error: parsed.reason }
  const value = parsed.value as Partial<PersistedState> | null
  if (
    !value ||
    value.version !== 1 ||
    !Array.isArray(value.instances) ||
    typeof value.savedAtWallMs !== 'number'
  ) {
    return { ok: false, error: 'not a state file (version 1)' }
  }
  const bad = value.instances.findIndex((instance) => !isPersistedInstance(instance))
  if (bad >= 0) return { ok: false, error: `instance ${bad} is malformed` }
  return { ok: true, value: value as PersistedState }
}

function isPersistedInstance(value: unknown): value is PersistedInstance {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const nullable = (field: unknown, type: string) => field === null || typeof field === type
  return (
    typeof v.sourceId === 'string' &&
    typeof v.service === 'string' &&
    typeof v.instance === 'string' &&
    typeof v.state === 'string' &&
    nullable(v.host, 'string') &&
    nullable(v.lastSeenWallMs, 'number') &&
    Array.isArray(v.gapsMs) &&
    v.gapsMs.every((gap) => typeof gap === 'number' && gap >= 0) &&
    nullable(v.declaredIntervalMs, 'number') &&
    nullable(v.reported, 'string') &&
    typeof v.heartbeats === 'number' &&
    nullable(v.beatMarker, 'string') &&
    typeof v.stopped === 'boolean' &&
    typeof v.gone === 'boolean' &&
    nullable(v.replacedBy, 'string') &&
    nullable(v.replaces, 'string') &&
    typeof v.replaceable === 'boolean'
  )
}
