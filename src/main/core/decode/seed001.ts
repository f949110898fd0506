/**
 * Seed 001: HeartbeatPublisher's JSON on Redis/Valkey pub/sub.
 * {"service_name", "instance_id", "timestamp", "uptime_seconds", "heartbeat_count", "memory_usage_mb",
 *  "cpu_usage_percent", ...service-specific flat keys}. Python may write bare NaN; extras may be null.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeResult, type Heartbeat } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { parseJsonObject, typeName } from './json-object'

/** Our own publisher's last message on stop(); the seed's publisher simply goes quiet. */
export const GOODBYE_STATUS = 'stopped'

export function decodeSeed001(raw: string): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const fields = parsed.object

  const service = fields.service_name
  if (service === undefined || service === null) return reject('missing service_name')
  if (typeof service !== 'string') return reject(`service_name must be a string, got ${typeName(service)}`)
  const serviceName = service.trim()
  if (serviceName === '') return reject('service_name is empty')
  if (serviceName.length > MAX_NAME_LENGTH) return reject(`service_name longer than ${MAX_NAME_LENGTH}`)

  const instance = fields.instance_id
  if (instance !== undefined && instance !== null && typeof instance !== 'string') {
    return reject(`instance_id must be a string, got ${typeName(instance)}`)
  }
  if (typeof instance === 'string' && instance.length > MAX_NAME_LENGTH) {
    return reject(`instance_id longer than ${MAX_NAME_LENGTH}`)
  }
  const problem =
    numberProblem(fields.uptime_seconds, 'uptime_seconds') ??
    numberProblem(fields.heartbeat_count, 'heartbeat_count') ??
    numberProblem(fields.memory_usage_mb, 'memory_usage_mb') ??
    numberProblem(fields.cpu_usage_percent, 'cpu_usage_percent')
  if (problem !== null) return reject(problem)
  const timestamp = fields.timestamp
  if (
    timestamp !== undefined &&
    timestamp !== null &&
    typeof timestamp !== 'string' &&
    typeof timestamp !== 'number'
  ) {
    return reject(`timestamp must be a string, got ${typeName(timestamp)}`)
  }

  const heartbeat: Heartbeat = {
    service: serviceName,
    instance: typeof instance === 'string' && instance.trim() !== '' ? instance.trim() : serviceName,
    host:
      typeof fields.host === 'string'
        ? fields.host
        : typeof fields.hostname === 'string'
          ? fields.hostname
          : null,
    sentAtMs: typeof timestamp === 'number' ? parseTimestampMs(timestamp) : null,
    sentAtField: typeof timestamp === 'string' ? 'timestamp' : undefined,
    declaredIntervalMs: declaredIntervalMs(fields),
    reported: typeof fields.status === 'string' ? fields.status : null,
    cpuPercent: finiteOrUndefined(fields.cpu_usage_percent),
    memoryMb: finiteOrUndefined(fields.memory_usage_mb),
    goodbye: fields.status === GOODBYE_STATUS,
    fields,
    fieldsJson: raw,
    beatMarker: null,
  }
  return accept(heartbeat)
}

// Fields are read by name, not by a loop over their names: a keyed load per field was a tenth of the
// decode, and this runs once per heartbeat.
function numberProblem(value: unknown, key: string): string | null {
  if (value === undefined || value === null || typeof value === 'number') return null
  return `${key} must be a number, got ${typeName(value)}`
}

function finiteOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function declaredIntervalMs(fields: Record<string, unknown>): number | null {
  return positiveSecondsToMs(fields.interval_seconds) ?? positiveSecondsToMs(fields.heartbeat_interval)
}

function positiveSecondsToMs(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1000 : null
}
