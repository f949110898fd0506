/**
 * Healthchecks-style pings (`/ping/{service}`, `/start`, `/fail`). The push endpoint builds this small
 * JSON itself from the request: {"service", "kind": "success"|"start"|"fail", "durationMs"?, "body"?}.
 * The service comes from a URL path, so its name is held to a strict alphabet: it names a record and
 * is shown to people, and must never be a path (`..`, `/`) or carry control characters.
 */
import { accept, reject, type DecodeResult } from '../heartbeat'
import { parseJsonObject, typeName } from './json-object'

export type PingKind = 'success' | 'start' | 'fail'

export const PING_KINDS: readonly PingKind[] = ['success', 'start', 'fail']
export const MAX_PING_SERVICE_LENGTH = 128
const SERVICE_NAME = /^[A-Za-z0-9._-]+$/
const ONLY_DOTS = /^\.+$/

/** What each kind of ping says about the service's own health (not its liveness). */
const REPORTED: Record<PingKind, string> = { success: 'ok', start: 'started', fail: 'failed' }

/** Why a ping service name is refused, or null when it is fine. */
export function pingServiceProblem(name: string): string | null {
  if (name.length === 0) return 'ping service name is empty'
  if (name.length > MAX_PING_SERVICE_LENGTH) return `ping service name longer than ${MAX_PING_SERVICE_LENGTH}`
  if (!SERVICE_NAME.test(name) || ONLY_DOTS.test(name)) {
    return `ping service name ${JSON.stringify(name.slice(0, 40))} may only use A-Z a-z 0-9 . _ - (and not be only dots)`
  }
  return null
}

export function decodePing(raw: string): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const { service, kind, durationMs, body } = parsed.object
  if (typeof service !== 'string') return reject(`ping service must be a string, got ${typeName(service)}`)
  const problem = pingServiceProblem(service)
  if (problem) return reject(problem)
  if (typeof kind !== 'string' || !(PING_KINDS as readonly string[]).includes(kind)) {
    return reject(`ping kind must be one of ${PING_KINDS.join(', ')}, got ${JSON.stringify(kind)}`)
  }
  const pingKind = kind as PingKind
  if (
    durationMs !== undefined &&
    durationMs !== null &&
    (typeof durationMs !== 'number' || !(durationMs >= 0))
  ) {
    return reject(`ping durationMs must be a number of 0 or more, got ${JSON.stringify(durationMs)}`)
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return reject(`ping body must be a string, got ${typeName(body)}`)
  }
  const fields: Record<string, unknown> = { ping: pingKind }
  // A run's duration is known when it ends, on success or on fail after a start.
  if (typeof durationMs === 'number' && pingKind !== 'start')
    fields.lastRunDurationMs = Math.round(durationMs)
  if (typeof body === 'string' && body !== '') fields.body = body
  return accept({
    service,
    instance: service,
    host: null,
    sentAtMs: null,
    declaredIntervalMs: null,
    reported: REPORTED[pingKind],
    goodbye: false,
    fields,
    beatMarker: null,
  })
}
