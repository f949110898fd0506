/**
 * The settings a user changes in the app, as one flat view (UserSettings in the shared model), mapped
 * to and from the config file's sections. Defaults live here and in settings.ts, nowhere else.
 */
import type { UserSettings } from '../../shared/model'
import type { AppConfig } from './config'

export interface NotificationSettings {
  stale: boolean
  dead: boolean
  recovered: boolean
  /** Remind while still dead every this many minutes; 0 is off (the default). */
  reminderMinutes: number
  sound: boolean
}

export interface AppSettings {
  launchAtLogin: boolean
  theme: 'system' | 'light' | 'dark'
}

export const DEFAULT_NOTIFICATIONS: NotificationSettings = {
  stale: true,
  dead: true,
  recovered: true,
  reminderMinutes: 0,
  sound: true,
}

export const DEFAULT_APP: AppSettings = { launchAtLogin: false, theme: 'system' }

export function toUserSettings(config: AppConfig): UserSettings {
  const { detection, notifications, app } = config
  return {
    defaultIntervalMs: detection.defaultIntervalMs,
    staleFactor: detection.staleFactor,
    deadFactor: detection.deadFactor,
    intervalOverrides: detection.overrides.map((override) => ({ ...override })),
    notifyStale: notifications.stale,
    notifyDead: notifications.dead,
    notifyRecovered: notifications.recovered,
    reminderMinutes: notifications.reminderMinutes,
    sound: notifications.sound,
    launchAtLogin: app.launchAtLogin,
    theme: app.theme,
    goneRetentionMs: detection.goneRetentionMs,
    adaptive: detection.adaptive,
  }
}

export type PatchResult = { ok: true; config: AppConfig } | { ok: false; error: string }

/** Applies a settings change from a UI, checking every field; untrusted input. */
export function applySettingsPatch(config: AppConfig, patch: unknown): PatchResult {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return { ok: false, error: 'settings must be an object' }
  }
  const next: AppConfig = {
    ...config,
    detection: { ...config.detection, overrides: [...config.detection.overrides] },
    notifications: { ...config.notifications },
    app: { ...config.app },
  }
  for (const [key, value] of Object.entries(patch)) {
    const error = applyField(next, key as keyof UserSettings, value)
    if (error) return { ok: false, error }
  }
  if (next.detection.deadFactor <= next.detection.staleFactor) {
    return { ok: false, error: 'deadFactor must be greater than staleFactor' }
  }
  return { ok: true, config: next }
}

function applyField(config: AppConfig, key: keyof UserSettings, value: unknown): string | null {
  const positive = (max: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max
  switch (key) {
    case 'defaultIntervalMs':
      if (!positive(7 * 86_400_000))
        return 'defaultIntervalMs must be a positive number of ms, at most a week'
      config.detection.defaultIntervalMs = value as number
      return null
    case 'staleFactor':
    case 'deadFactor':
      if (!positive(1_000)) return `${key} must be a positive number`
      config.detection[key] = value as number
      return null
    case 'intervalOverrides':
      if (!Array.isArray(value) || !value.every(isOverride)) {
        return 'intervalOverrides must be [{ service, intervalMs }] with a name and a positive interval'
      }
      config.detection.overrides = value.map((override) => ({
        service: override.service,
        intervalMs: override.intervalMs,
      }))
      return null
    case 'goneRetentionMs':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        return 'goneRetentionMs must be 0 or more'
      config.detection.goneRetentionMs = value
      return null
    case 'adaptive':
      if (typeof value !== 'boolean') return 'adaptive must be true or false'
      config.detection.adaptive = value
      return null
    case 'notifyStale':
    case 'notifyDead':
    case 'notifyRecovered':
    case 'sound': {
      if (typeof value !== 'boolean') return `${key} must be true or false`
      const field = key === 'sound' ? 'sound' : (key.slice(6).toLowerCase() as 'stale' | 'dead' | 'recovered')
      config.notifications[field] = value
      return null
    }
    case 'reminderMinutes':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_440) {
        return 'reminderMinutes must be a whole number of minutes from 0 (off) to 1440'
      }
      config.notifications.reminderMinutes = value
      return null
    case 'launchAtLogin':
      if (typeof value !== 'boolean') return 'launchAtLogin must be true or false'
      config.app.launchAtLogin = value
      return null
    case 'theme':
      if (value !== 'system' && value !== 'light' && value !== 'dark')
        return 'theme must be system, light or dark'
      config.app.theme = value
      return null
    default:
      return `unknown setting "${String(key)}"`
  }
}

function isOverride(value: unknown): value is { service: string; intervalMs: number } {
  if (typeof value !== 'object' || value === null) return false
  const { service, intervalMs } = value as Record<string, unknown>
  return (
    typeof service === 'string' && service.trim() !== '' && typeof intervalMs === 'number' && intervalMs > 0
  )
}
