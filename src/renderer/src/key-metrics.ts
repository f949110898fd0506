/**
 * The few numbers worth a glance in a row (CPU, memory, load), picked out of whatever a payload carries.
 * Field names follow the seeds (../../shared WIRE-FORMATS): seed 001 `cpu_usage_percent` and
 * `memory_usage_mb`, seed 000 `metrics: {cpu, memory}`, Sidekiq `rss` (KiB), Celery `loadavg`.
 */

export interface KeyMetric {
  label: 'cpu' | 'mem' | 'load'
  text: string
}

type Payload = Readonly<Record<string, unknown>>

export function keyMetrics(payload: Payload): KeyMetric[] {
  const fields = flatten(payload)
  const metrics: KeyMetric[] = []
  const cpu = firstNumber(fields, /^(cpu|cpu_?(usage)?_?(percent|pct)?)$/)
  if (cpu !== null) metrics.push({ label: 'cpu', text: `${round(cpu)} %` })
  const memory = memoryMb(fields)
  if (memory !== null) metrics.push({ label: 'mem', text: formatMegabytes(memory) })
  const load = fields.get('loadavg')
  if (Array.isArray(load) && typeof load[0] === 'number')
    metrics.push({ label: 'load', text: round(load[0]) })
  return metrics
}

/** Top-level fields and those of a nested `metrics` object, keyed in lower case. */
function flatten(payload: Payload): Map<string, unknown> {
  const fields = new Map<string, unknown>()
  const nested = payload.metrics
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested))
    for (const [key, value] of Object.entries(nested)) fields.set(key.toLowerCase(), value)
  for (const [key, value] of Object.entries(payload)) fields.set(key.toLowerCase(), value)
  return fields
}

function firstNumber(fields: Map<string, unknown>, name: RegExp): number | null {
  for (const [key, value] of fields) if (name.test(key) && isNumber(value)) return value
  return null
}

function memoryMb(fields: Map<string, unknown>): number | null {
  for (const [key, value] of fields) {
    if (!isNumber(value)) continue
    if (/^mem(ory)?(_usage)?_mb$/.test(key)) return value
    if (/^(rss|rss_kb)$/.test(key)) return value / 1024
    if (/^(rss|mem(ory)?(_usage)?)_bytes$/.test(key)) return value / 1024 / 1024
    // Seed 000 sends a bare `memory`; its workers report megabytes.
    if (/^mem(ory)?$/.test(key)) return value
  }
  return null
}

function formatMegabytes(megabytes: number): string {
  return megabytes >= 1024 ? `${round(megabytes / 1024)} GB` : `${round(megabytes)} MB`
}

function round(value: number): string {
  return value >= 100
    ? value.toFixed(0)
    : value >= 10
      ? value.toFixed(1).replace(/\.0$/, '')
      : value.toFixed(2).replace(/\.?0+$/, '')
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
