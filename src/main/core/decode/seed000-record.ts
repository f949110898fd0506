/**
 * Seed 000: one field of its manager's `workers` hash, read by polling (field = worker_id).
 * {"worker_id", "worker_name", "host", "port", "status", "last_heartbeat"}, written by Python's
 * json.dumps; `last_heartbeat` is `str(datetime.now())`: naive local time, microseconds left out when zero.
 *
 * The manager writes `disconnected` for a clean shutdown and for a kill -9 alike, so no status is a
 * goodbye: every status is reported health, and liveness comes from `last_heartbeat` moving (the beat
 * marker), which only the worker's own frames and its registration move.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeResult } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { parseJsonObject, typeName } from './json-object'

/** Where the record has no last_heartbeat: a marker that never moves, so only its first sight beats. */
const NO_HEARTBEAT_MARKER = ''

export function decodeSeed000Record(raw: string): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const fields = parsed.object

  const workerId = requiredName(fields.worker_id, 'worker_id')
  if (!workerId.ok) return reject(workerId.reason)
  const workerName = optionalName(fields.worker_name, 'worker_name')
  if (!workerName.ok) return reject(workerName.reason)
  const host = optionalName(fields.host, 'host')
  if (!host.ok) return reject(host.reason)

  const { port, status } = fields
  if (port !== undefined && port !== null && typeof port !== 'number' && typeof port !== 'string') {
    return reject(`port must be a number, got ${typeName(port)}`)
  }
  if (status !== undefined && status !== null && typeof status !== 'string') {
    return reject(`status must be a string, got ${typeName(status)}`)
  }
  const lastHeartbeat = fields.last_heartbeat
  if (
    lastHeartbeat !== undefined &&
    lastHeartbeat !== null &&
    typeof lastHeartbeat !== 'string' &&
    typeof lastHeartbeat !== 'number'
  ) {
    return reject(`last_heartbeat must be a string, got ${typeName(lastHeartbeat)}`)
  }

  return accept({
    service: workerName.value ?? workerId.value,
    instance: workerId.value,
    host: hostAndPort(host.value, port),
    sentAtMs: parseTimestampMs(lastHeartbeat, 'local'),
    declaredIntervalMs: null,
    reported: typeof status === 'string' && status !== '' ? status : null,
    goodbye: false,
    fields,
    beatMarker:
      typeof lastHeartbeat === 'string' || typeof lastHeartbeat === 'number'
        ? String(lastHeartbeat)
        : NO_HEARTBEAT_MARKER,
  })
}

type NameResult = { ok: true; value: string } | { ok: false; reason: string }
type OptionalNameResult = { ok: true; value: string | null } | { ok: false; reason: string }

function requiredName(value: unknown, key: string): NameResult {
  if (value === undefined || value === null) return { ok: false, reason: `missing ${key}` }
  const name = optionalName(value, key)
  if (!name.ok) return name
  return name.value === null ? { ok: false, reason: `${key} is empty` } : { ok: true, value: name.value }
}

/** A trimmed string, or null when absent or empty. */
function optionalName(value: unknown, key: string): OptionalNameResult {
  if (value === undefined || value === null) return { ok: true, value: null }
  if (typeof value !== 'string')
    return { ok: false, reason: `${key} must be a string, got ${typeName(value)}` }
  const name = value.trim()
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: `${key} longer than ${MAX_NAME_LENGTH}` }
  return { ok: true, value: name === '' ? null : name }
}

function hostAndPort(host: string | null, port: unknown): string | null {
  if (host === null) return null
  const portText = typeof port === 'number' || typeof port === 'string' ? String(port).trim() : ''
  if (portText === '') return host
  return host.includes(':') ? `[${host}]:${portText}` : `${host}:${portText}`
}
