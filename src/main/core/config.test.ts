import { describe, expect, it } from 'vitest'
import { parseConfig } from './config'
import { DEFAULT_DETECTION } from './settings'

describe('config file', () => {
  it('fills every default when empty', () => {
    expect(parseConfig('{}')).toEqual({ ok: true, config: { sources: [], detection: DEFAULT_DETECTION } })
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
      },
    })
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
