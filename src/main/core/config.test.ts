import { describe, expect, it } from 'vitest'
import { defaultConfig, parseConfig, serializeConfig, startupConfig, DEFAULT_SOURCE } from './config'
import { DEFAULT_DETECTION } from './settings'
import { applySettingsPatch, DEFAULT_APP, DEFAULT_NOTIFICATIONS } from './user-settings'

describe('config file', () => {
  it('fills every default when empty', () => {
    expect(parseConfig('{}')).toEqual({
      ok: true,
      config: {
        sources: [],
        detection: DEFAULT_DETECTION,
        notifications: DEFAULT_NOTIFICATIONS,
        app: DEFAULT_APP,
      },
    })
  })

  it('reads sources, multipliers and overrides', () => {
    const result = parseConfig(
      JSON.stringify({
        sources: ['redis://127.0.0.1:6379'],
        detection: {
          defaultInterval: '30s',
          staleFactor: 2,
          deadFactor: 4,
          overrides: [{ service: 'billing-*', interval: 10 }],
        },
      }),
    )
    expect(result).toEqual({
      ok: true,
      config: {
        sources: ['redis://127.0.0.1:6379'],
        detection: {
          ...DEFAULT_DETECTION,
          defaultIntervalMs: 30_000,
          staleFactor: 2,
          deadFactor: 4,
          overrides: [{ service: 'billing-*', intervalMs: 10_000 }],
        },
        notifications: DEFAULT_NOTIFICATIONS,
        app: DEFAULT_APP,
      },
    })
  })

  it('reads notification and app sections, refusing unknown keys by name', () => {
    const result = parseConfig(
      '{"notifications": {"stale": false, "reminderMinutes": 15}, "app": {"theme": "dark"}}',
    )
    expect(result.ok && result.config.notifications).toEqual({
      ...DEFAULT_NOTIFICATIONS,
      stale: false,
      reminderMinutes: 15,
    })
    expect(result.ok && result.config.app.theme).toBe('dark')
    const refused = parseConfig('{"notifications": {"loud": true}}')
    expect(refused.ok ? 'accepted' : refused.error).toBe(
      'notifications: unknown setting "notifications.loud"',
    )
  })

  it('writes back what it reads', () => {
    const config = defaultConfig()
    config.sources = ['redis://:secret@127.0.0.1:6379/0']
    config.detection.overrides = [{ service: 'billing-*', intervalMs: 1_500 }]
    config.detection.goneRetentionMs = 0
    config.notifications.reminderMinutes = 30
    expect(parseConfig(JSON.stringify(serializeConfig(config)))).toEqual({ ok: true, config })
  })

  it('reads adaptive (φ accrual) detection, writes it back, and refuses thresholds out of order', () => {
    const result = parseConfig(
      '{"detection": {"adaptive": true, "phiStale": 2, "phiDead": 10, "acceptablePause": "3s"}}',
    )
    expect(result.ok && result.config.detection).toMatchObject({
      adaptive: true,
      phiStale: 2,
      phiDead: 10,
      acceptablePauseMs: 3_000,
    })
    if (result.ok) {
      expect(parseConfig(JSON.stringify(serializeConfig(result.config)))).toEqual(result)
    }
    const refused = parseConfig('{"detection": {"phiStale": 9}}')
    expect(refused.ok ? 'accepted' : refused.error).toBe(
      'detection.phiDead must be greater than detection.phiStale',
    )
    expect(parseConfig('{"detection": {"adaptive": "yes"}}').ok).toBe(false)
    const patched = applySettingsPatch(defaultConfig(), { adaptive: true })
    expect(patched.ok && patched.config.detection.adaptive).toBe(true)
    expect(applySettingsPatch(defaultConfig(), { adaptive: 1 }).ok).toBe(false)
  })

  it('starts on the built-in push endpoint when nothing is configured, and names each source once', () => {
    expect(startupConfig(defaultConfig(), []).sources).toEqual([DEFAULT_SOURCE])
    const given = { ...defaultConfig(), sources: ['redis://:pw@h:6379'] }
    expect(startupConfig(given, ['redis://:pw@h:6379', 'redis://other']).sources).toEqual([
      'redis://:pw@h:6379',
      'redis://other',
    ])
  })

  it('says what is wrong', () => {
    const error = (text: string) => {
      const result = parseConfig(text)
      return result.ok ? 'accepted' : result.error
    }
    expect(error('{')).toMatch(/^bad JSON/)
    expect(error('{"sourcez": []}')).toBe('unknown config key "sourcez"')
    expect(error('{"sources": "redis://x"}')).toBe('"sources" must be an array of URL strings')
    expect(error('{"detection": {"staleFactor": 3, "deadFactor": 2}}')).toBe(
      'detection.deadFactor must be greater than detection.staleFactor',
    )
    expect(error('{"detection": {"defaultInterval": "later"}}')).toBe(
      'detection.defaultInterval must be a duration like "60s"',
    )
    expect(error('{"detection": {"overrides": [{"service": "x"}]}}')).toMatch(/^detection.overrides\[0\]/)
  })
})
