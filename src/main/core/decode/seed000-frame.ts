/**
 * Seed 000: the heartbeat frame its worker sends on the manager's WebSocket `/ws/{worker_id}`.
 * {"timestamp": "2025-05-18 10:00:00.123456", "worker_id", "worker_name", "status": "alive",
 *  "metrics": {"cpu", "memory"}}. The timestamp is Python's `str(datetime.now())`: naive local time.
 */
import { accept, reject, type DecodeResult } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { typeName } from './json-object'
import { parseSeed000WorkerMessage } from './seed000-worker-message'

/** The worker's HEARTBEAT_INTERVAL default; its frames do not say it. */
export const SEED000_HEARTBEAT_INTERVAL_MS = 5_000

/**
 * `declaredIntervalMs`: what the source assumes these workers beat at (the frames carry no interval),
 * declared for each instance so that seed 000's 5 s is not mistaken for the app's 60 s default.
 */
export function decodeSeed000Frame(raw: string, declaredIntervalMs: number | null = null): DecodeResult {
  const message = parseSeed000WorkerMessage(raw)
  if (!message.ok) return message
  const { fields } = message
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
    service: message.service,
    instance: message.instance,
    // Frames carry no address; the registration's host:port stays on the record.
    host: null,
    sentAtMs: parseTimestampMs(timestamp, 'local'),
    declaredIntervalMs,
    reported: message.status,
    goodbye: false,
    fields,
    beatMarker: null,
  })
}
