/**
 * Seed 000: the heartbeat frame its worker sends on the manager's WebSocket `/ws/{worker_id}`.
 * {"timestamp": "2025-05-18 10:00:00.123456", "worker_id", "worker_name", "status": "alive",
 *  "metrics": {"cpu", "memory"}}. The timestamp is Python's `str(datetime.now())`: naive local time.
 */
import { accept, reject, type DecodeResult } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { parseJsonObject, typeName } from './json-object'
import { seed000Identity, seed000Status } from './seed000-identity'

/** The worker's HEARTBEAT_INTERVAL default; its frames do not say it. */
export const SEED000_HEARTBEAT_INTERVAL_MS = 5_000

/**
 * `declaredIntervalMs`: what the source assumes these workers beat at (the frames carry no interval),
 * declared for each instance so that seed 000's 5 s is not mistaken for the app's 60 s default.
 */
export function decodeSeed000Frame(raw: string, declaredIntervalMs: number | null = null): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const fields = parsed.object
  const identity = seed000Identity(fields)
  if (!identity.ok) return identity
  const status = seed000Status(fields)
  if (!status.ok) return status
  const timestamp = fields.timestamp
  if (
    timestamp !== undefined &&
    timestamp !== null &&
    typeof timestamp !== 'string' &&
    typeof timestamp !== 'number'
  ) {
    return reject(`timestamp must be a string, got ${typeName(timestamp)}`)
  }
  return accept({
    service: identity.service,
    instance: identity.instance,
    // Frames carry no address; the registration's host:port stays on the record.
    host: null,
    sentAtMs: parseTimestampMs(timestamp, 'local'),
    declaredIntervalMs,
    reported: status.value,
    goodbye: false,
    fields,
    beatMarker: null,
  })
}
