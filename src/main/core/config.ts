/**
 * The config file: one schema, defaults in one place (core/settings.ts), every error said plainly.
 * {
 *   "sources": ["redis://127.0.0.1:6379/0"],
 *   "detection": { "defaultInterval": "60s", "staleFactor": 1.5, "deadFactor": 3,
 *                  "overrides": [{ "service": "billing-*", "interval": "30s" }], "goneRetention": "24h" }
 * }
 */
import { parseDurationMs } from './duration'
import { parseTolerantJson } from './decode/tolerant-json'
import { DEFAULT_DETECTION, type DetectionSettings, type IntervalOverride } from './settings'

export interface AppConfig {
  sources: string[]
  detection: DetectionSettings
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; error: string }

export function defaultConfig(): AppConfig {
  return { sources: [], detection: { ...DEFAULT_DETECTION, overrides: [] } }
}

export function parseConfig(text: string): ConfigResult {
  const parsed = parseTolerantJson(text)
  if (!parsed.ok) return { ok: false, error: parsed.reason }
  return validateConfig(parsed.value)
}

export function validateConfig(value: unknown): ConfigResult {
  if (!isObject(value)) return { ok: false, error: 'config must be a JSON object' }
  const config = defaultConfig()
  const unknownKey = Object.keys(value).find((key) => !['sources', 'detection'].includes(key))
  if (unknownKey) return { ok: false, error: `unknown config key "${unknownKey}"` }

  if (value.sources !== undefined) {
    if (!Array.isArray(value.sources) || !value.sources.every((source) => typeof source === 'string')) {
      return { ok: false, error: '"sources" must be an array of URL strings' }
    }
    config.sources = [...value.sources]
  }
  if (value.detection !== undefined) {
    const detection = validateDetection(value.detection)
    if (!detection.ok) return detection
    config.detection = detection.value
  }
  return { ok: true, config }
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: string }

function validateDetection(value: unknown): Checked<DetectionSettings> {
  if (!isObject(value)) return { ok: false, error: '"detection" must be an object' }
  const detection: DetectionSettings = { ...DEFAULT_DETECTION, overrides: [] }
  for (const [key, field] of Object.entries(value)) {
    switch (key) {
      case 'defaultInterval': {
        const ms = durationField(field)
        if (ms === null)
          return { ok: false, error: `detection.defaultInterval must be a duration like "60s"` }
        detection.defaultIntervalMs = ms
        break
      }
      case 'goneRetention': {
        const ms = field === 0 || field === '0' ? 0 : durationField(field)
        if (ms === null)
          return { ok: false, error: 'detection.goneRetention must be a duration like "24h", or 0 to keep' }
        detection.goneRetentionMs = ms
        break
      }
      case 'staleFactor':
      case 'deadFactor':
        if (typeof field !== 'number' || !(field > 0))
          return { ok: false, error: `detection.${key} must be a positive number` }
        detection[key] = field
        break
      case 'maxInstances':
        if (!Number.isInteger(field) || (field as number) < 1) {
          return { ok: false, error: 'detection.maxInstances must be a positive integer' }
        }
        detection.maxInstances = field as number
        break
      case 'overrides': {
        const overrides = validateOverrides(field)
        if (!overrides.ok) return overrides
        detection.overrides = overrides.value
        break
      }
      default:
        return { ok: false, error: `unknown key "detection.${key}"` }
    }
  }
  if (detection.deadFactor <= detection.staleFactor) {
    return { ok: false, error: 'detection.deadFactor must be greater than detection.staleFactor' }
  }
  return { ok: true, value: detection }
}

function validateOverrides(value: unknown): Checked<IntervalOverride[]> {
  if (!Array.isArray(value)) return { ok: false, error: 'detection.overrides must be an array' }
  const overrides: IntervalOverride[] = []
  for (const [index, entry] of value.entries()) {
    const intervalMs = isObject(entry) ? durationField(entry.interval) : null
    if (
      !isObject(entry) ||
      typeof entry.service !== 'string' ||
      entry.service === '' ||
      intervalMs === null
    ) {
      return {
        ok: false,
        error: `detection.overrides[${index}] must be { "service": "name or glob", "interval": "30s" }`,
      }
    }
    overrides.push({ service: entry.service, intervalMs })
  }
  return { ok: true, value: overrides }
}

/** A duration string ("30s") or a number of seconds. */
function durationField(value: unknown): number | null {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value * 1000 : null
  return typeof value === 'string' ? parseDurationMs(value) : null
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
