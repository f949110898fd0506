/**
 * The config file: one schema, defaults in one place (settings.ts, user-settings.ts), every error said
 * plainly. The app writes the same schema back when the user changes something (serializeConfig).
 * {
 *   "sources": ["redis://127.0.0.1:6379/0"],
 *   "detection": { "defaultInterval": "60s", "staleFactor": 1.5, "deadFactor": 3,
 *                  "overrides": [{ "service": "billing-*", "interval": "30s" }], "goneRetention": "24h",
 *                  "adaptive": false, "phiStale": 3, "phiDead": 8, "acceptablePause": 0 },
 *   "notifications": { "stale": true, "dead": true, "recovered": true, "reminderMinutes": 0, "sound": true },
 *   "app": { "launchAtLogin": false, "theme": "system" }
 * }
 */
import { parseDurationMs } from './duration'
import { redactUrl } from './urls/url-parts'
import { parseTolerantJson } from './decode/tolerant-json'
import { DEFAULT_DETECTION, type DetectionSettings, type IntervalOverride } from './settings'
import {
  applySettingsPatch,
  DEFAULT_APP,
  DEFAULT_NOTIFICATIONS,
  type AppSettings,
  type NotificationSettings,
} from './user-settings'

export interface AppConfig {
  sources: string[]
  detection: DetectionSettings
  notifications: NotificationSettings
  app: AppSettings
}

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; error: string }

export function defaultConfig(): AppConfig {
  return {
    sources: [],
    detection: { ...DEFAULT_DETECTION, overrides: [] },
    notifications: { ...DEFAULT_NOTIFICATIONS },
    app: { ...DEFAULT_APP },
  }
}

/** The built-in push endpoint: watched when nothing else is configured, so the app needs no broker. */
export const DEFAULT_SOURCE = 'push://127.0.0.1:7475'

/** The config to start with: saved or given, plus sources named on the command line, once each. */
export function startupConfig(base: AppConfig, extraSources: readonly string[]): AppConfig {
  const seen = new Set<string>()
  const sources = [...base.sources, ...extraSources].filter((url) => {
    const key = redactUrl(url.trim())
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return { ...base, sources: sources.length > 0 ? sources : [DEFAULT_SOURCE] }
}

export function parseConfig(text: string): ConfigResult {
  const parsed = parseTolerantJson(text)
  if (!parsed.ok) return { ok: false, error: parsed.reason }
  return validateConfig(parsed.value)
}

export function validateConfig(value: unknown): ConfigResult {
  if (!isObject(value)) return { ok: false, error: 'config must be a JSON object' }
  const config = defaultConfig()
  const unknownKey = Object.keys(value).find(
    (key) => !['sources', 'detection', 'notifications', 'app'].includes(key),
  )
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
  for (const section of ['notifications', 'app'] as const) {
    if (value[section] === undefined) continue
    if (!isObject(value[section])) return { ok: false, error: `"${section}" must be an object` }
    const patched = applySettingsPatch(config, sectionToSettings(section, value[section]))
    if (!patched.ok) return { ok: false, error: `${section}: ${patched.error}` }
    Object.assign(config, patched.config)
  }
  return { ok: true, config }
}

const SECTION_KEYS = {
  notifications: {
    stale: 'notifyStale',
    dead: 'notifyDead',
    recovered: 'notifyRecovered',
    reminderMinutes: 'reminderMinutes',
    sound: 'sound',
  },
  app: { launchAtLogin: 'launchAtLogin', theme: 'theme' },
} as const

/** A config file section in the flat UserSettings names, unknown keys kept so they are refused by name. */
function sectionToSettings(
  section: keyof typeof SECTION_KEYS,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const names: Record<string, string> = SECTION_KEYS[section]
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [names[key] ?? `${section}.${key}`, field]),
  )
}

/** The config as the file schema, for writing back; parseConfig(JSON.stringify(it)) gives it again. */
export function serializeConfig(config: AppConfig): Record<string, unknown> {
  const { detection } = config
  return {
    sources: [...config.sources],
    detection: {
      defaultInterval: `${detection.defaultIntervalMs}ms`,
      staleFactor: detection.staleFactor,
      deadFactor: detection.deadFactor,
      overrides: detection.overrides.map((override) => ({
        service: override.service,
        interval: `${override.intervalMs}ms`,
      })),
      maxInstances: detection.maxInstances,
      goneRetention: detection.goneRetentionMs === 0 ? 0 : `${detection.goneRetentionMs}ms`,
      adaptive: detection.adaptive,
      phiStale: detection.phiStale,
      phiDead: detection.phiDead,
      acceptablePause: detection.acceptablePauseMs === 0 ? 0 : `${detection.acceptablePauseMs}ms`,
    },
    notifications: { ...config.notifications },
    app: { ...config.app },
  }
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
      case 'adaptive':
        if (typeof field !== 'boolean')
          return { ok: false, error: 'detection.adaptive must be true or false' }
        detection.adaptive = field
        break
      case 'phiStale':
      case 'phiDead':
        if (typeof field !== 'number' || !(field > 0) || field > 50)
          return { ok: false, error: `detection.${key} must be a number above 0 and at most 50` }
        detection[key] = field
        break
      case 'acceptablePause': {
        const ms = field === 0 || field === '0' ? 0 : durationField(field)
        if (ms === null)
          return { ok: false, error: 'detection.acceptablePause must be a duration like "3s", or 0' }
        detection.acceptablePauseMs = ms
        break
      }
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
  if (detection.phiDead <= detection.phiStale) {
    return { ok: false, error: 'detection.phiDead must be greater than detection.phiStale' }
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
