/**
 * The few numbers worth a glance in a row (CPU, memory, load), picked out of whatever a payload carries.
 * Field names follow the seeds (../../shared WIRE-FORMATS): seed 001 `cpu_usage_percent` and
 * `memory_usage_mb`, seed 000 `metrics: {cpu, memory}`, Sidekiq `rss` (KiB), Celery `loadavg`.
 * Every row of every snapshot is built with them, so this is one pass over the fields, no copies.
 */
import type { KeyMetrics } from '../../shared/model'

type Payload = Readonly<Record<string, unknown>>

const CPU = /^cpu(_?usage)?(_?(percent|pct))?$/
const MEMORY_MB = /^mem(ory)?(_usage)?_mb$/
const RSS_KB = /^rss(_kb)?$/
const BYTES = /^(rss|mem(ory)?(_usage)?)_bytes$/
// Seed 000 sends a bare `memory`; its workers report megabytes.
const BARE_MEMORY = /^mem(ory)?$/

export function keyMetricsOf(payload: Payload): KeyMetrics {
  const metrics: KeyMetrics = {}
  // Top-level fields win over those of a nested `metrics` object: read them last.
  const nested = payload.metrics
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested))
    readFields(nested as Payload, metrics)
  readFields(payload, metrics)
  return metrics
}

function readFields(fields: Payload, metrics: KeyMetrics): void {
  let cpu: number | undefined
  let memoryMb: number | undefined
  let load: number | undefined
  for (const name in fields) {
    const value = fields[name]
    const key = name.toLowerCase()
    if (key === 'loadavg') {
      if (Array.isArray(value) && isNumber(value[0])) load ??= value[0]
      continue
    }
    if (!isNumber(value)) continue
    if (cpu === undefined && CPU.test(key)) cpu = value
    else if (memoryMb === undefined) memoryMb = megabytesOf(key, value)
  }
  if (cpu !== undefined) metrics.cpuPercent = cpu
  if (memoryMb !== undefined) metrics.memoryMb = memoryMb
  if (load !== undefined) metrics.load = load
}

function megabytesOf(key: string, value: number): number | undefined {
  if (MEMORY_MB.test(key) || BARE_MEMORY.test(key)) return value
  if (RSS_KB.test(key)) return value / 1024
  if (BYTES.test(key)) return value / 1024 / 1024
  return undefined
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
