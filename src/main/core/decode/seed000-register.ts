/**
 * Seed 000: the body its worker POSTs to the manager's `/register` once, at start-up.
 * {"worker_id": "<uuid4>", "worker_name", "host": "172.18.0.4", "port": 8001, "status": "registering"}.
 * A registration is a sign of life: the worker is up, its WebSocket follows within milliseconds.
 */
import { accept, reject, type DecodeResult } from '../heartbeat'
import { typeName } from './json-object'
import { parseSeed000WorkerMessage } from './seed000-worker-message'

/** The manager's default when a client omits `status` (its pydantic model says so). */
export const SEED000_REGISTER_DEFAULT_STATUS = 'registered'

export function decodeSeed000Register(raw: string, declaredIntervalMs: number | null = null): DecodeResult {
  const message = parseSeed000WorkerMessage(raw)
  if (!message.ok) return message
  const { fields } = message
  const host = seed000Host(fields)
  if (!host.ok) return reject(host.reason)
  return accept({
    service: message.service,
    instance: message.instance,
    host: host.value,
    sentAtMs: null,
    declaredIntervalMs,
    reported: message.status ?? SEED000_REGISTER_DEFAULT_STATUS,
    goodbye: false,
    fields,
    beatMarker: null,
  })
}

type HostResult = { ok: true; value: string | null } | { ok: false; reason: string }

/** `host:port` (issue 8: seed 000's host is where the worker serves), or the host alone. */
export function seed000Host(fields: Record<string, unknown>): HostResult {
  const { host, port } = fields
  if (host !== undefined && host !== null && typeof host !== 'string') {
    return { ok: false, reason: `host must be a string, got ${typeName(host)}` }
  }
  if (port !== undefined && port !== null && !isPortLike(port)) {
    return {
      ok: false,
      reason: `port must be a number, got ${typeof port === 'string' ? JSON.stringify(port) : typeName(port)}`,
    }
  }
  if (typeof host !== 'string' || host.trim() === '') return { ok: true, value: null }
  return {
    ok: true,
    value: port === undefined || port === null ? host.trim() : `${host.trim()}:${String(port).trim()}`,
  }
}

/** An integer, or the digits of one (pydantic's lax mode takes "8001" for an int). */
function isPortLike(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 65_535
  return typeof value === 'string' && /^\s*\d{1,5}\s*$/.test(value) && Number(value) <= 65_535
}
