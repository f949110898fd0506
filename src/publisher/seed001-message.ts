/**
 * The seed 001 heartbeat body, as the Python HeartbeatPublisher writes it (WIRE-FORMATS.md, "Seed 001").
 * Pure: every value, the time included, is an argument.
 */
import { GOODBYE_STATUS } from '../main/core/decode/seed001'

export { GOODBYE_STATUS }

export interface Seed001Message {
  service_name: string
  instance_id: string
  timestamp: string
  uptime_seconds: number
  heartbeat_count: number
  memory_usage_mb: number
  cpu_usage_percent: number
  /** Not in the seed: declared so a monitor knows our interval without learning it. */
  interval_seconds?: number
  status?: string
  [extra: string]: unknown
}

export interface Seed001Inputs {
  serviceName: string
  instanceId: string
  /** Wall-clock time of sending, epoch ms; a fraction gives microseconds. */
  sentAtEpochMs: number
  uptimeSeconds: number
  heartbeatCount: number
  memoryUsageMb: number
  cpuUsagePercent: number
  intervalSeconds?: number
  /** Service-specific flat keys; they never override the fields above. */
  extras?: Record<string, unknown>
  /** Set last, over any extra of that name: GOODBYE_STATUS on stop(). */
  status?: string
}

/** Keys the publisher writes itself; a data collector may not use them. */
export const SEED001_RESERVED_KEYS: readonly string[] = [
  'service_name',
  'instance_id',
  'timestamp',
  'uptime_seconds',
  'heartbeat_count',
  'memory_usage_mb',
  'cpu_usage_percent',
  'interval_seconds',
]

export function buildSeed001Message(inputs: Seed001Inputs): Seed001Message {
  const message: Seed001Message = {
    service_name: inputs.serviceName,
    instance_id: inputs.instanceId,
    timestamp: formatPythonIsoUtc(inputs.sentAtEpochMs),
    uptime_seconds: roundTo(inputs.uptimeSeconds, 3),
    heartbeat_count: inputs.heartbeatCount,
    memory_usage_mb: roundTo(inputs.memoryUsageMb, 1),
    cpu_usage_percent: roundTo(inputs.cpuUsagePercent, 1),
  }
  if (inputs.intervalSeconds !== undefined) message.interval_seconds = roundTo(inputs.intervalSeconds, 3)
  for (const [key, value] of Object.entries(inputs.extras ?? {})) {
    if (!SEED001_RESERVED_KEYS.includes(key)) message[key] = value
  }
  if (inputs.status !== undefined) message.status = inputs.status
  return message
}

/** Python's `datetime.now(timezone.utc).isoformat()`, always with microseconds: "…T08:30:00.123456+00:00". */
export function formatPythonIsoUtc(epochMs: number): string {
  const wholeMs = Math.floor(epochMs)
  const subMillisecondMicros = Math.min(999, Math.round((epochMs - wholeMs) * 1000))
  const iso = new Date(wholeMs).toISOString() // "2025-01-16T08:30:00.123Z"
  return `${iso.slice(0, 23)}${String(subMillisecondMicros).padStart(3, '0')}+00:00`
}

function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals
  return Math.round(value * scale) / scale
}
