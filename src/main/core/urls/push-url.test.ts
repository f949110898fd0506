import { describe, expect, it } from 'vitest'
import { parseSourceUrl } from '../source-url'
import type { PushSpec } from './push-url'

function spec(url: string): PushSpec {
  const result = parseSourceUrl(url)
  if (!result.ok) throw new Error(result.error)
  if (result.spec.kind !== 'push') throw new Error(`parsed as ${result.spec.kind}`)
  return result.spec
}

function error(url: string): string {
  const result = parseSourceUrl(url)
  if (result.ok) throw new Error('accepted')
  return result.error
}

const TOKEN = 'sixteen-chars-ok'

describe('push:// URLs', () => {
  it('defaults to loopback port 7475, no token, seed 000’s 5 s for its workers', () => {
    expect(spec('push://127.0.0.1:7475')).toEqual({
      kind: 'push',
      displayUrl: 'push://127.0.0.1:7475',
      host: '127.0.0.1',
      port: 7475,
      token: null,
      defaultIntervalMs: null,
      workerIntervalMs: 5_000,
    })
    expect(spec('push://').displayUrl).toBe('push://127.0.0.1:7475')
    expect(spec('push://localhost').port).toBe(7475)
    expect(spec('push://[::1]:8000')).toMatchObject({
      host: '::1',
      port: 8000,
      displayUrl: 'push://[::1]:8000',
    })
  })

  it('makes interval= the default of every instance and the interval its workers declare', () => {
    expect(spec('push://127.0.0.1:7475?interval=200ms')).toMatchObject({
      defaultIntervalMs: 200,
      workerIntervalMs: 200,
      displayUrl: 'push://127.0.0.1:7475?interval=200ms',
    })
  })

  it('needs a token of 16 characters or more off loopback, and never shows it', () => {
    const open = spec(`push://0.0.0.0:7475?token=${TOKEN}&interval=5s`)
    expect(open).toMatchObject({ host: '0.0.0.0', token: TOKEN })
    expect(open.displayUrl).toBe('push://0.0.0.0:7475?token=***&interval=5s')
    expect(error('push://0.0.0.0:7475')).toMatch(/^push endpoint on 0\.0\.0\.0 is reachable from the network/)
    expect(error('push://192.168.1.5')).toMatch(/add \?token=/)
    expect(error('push://127.0.0.1?token=short')).toBe('token must be at least 16 characters')
    expect(spec(`push://127.0.0.2?token=${TOKEN}`).token).toBe(TOKEN)
  })

  it('says exactly what is wrong, without the token', () => {
    expect(error('push://127.0.0.1:7475/heartbeat')).toBe('push URL takes no path, got "/heartbeat"')
    expect(error('push://user:pw@127.0.0.1')).toBe('push URL takes no user or password; use ?token=')
    expect(error('push://127.0.0.1:0')).toBe('port must be 1 to 65535, got "0"')
    expect(error('push://127.0.0.1?interval=soon')).toBe(
      'interval must be a duration like 30s or 500ms, got "soon"',
    )
    const unknown = error(`push://127.0.0.1?token=${TOKEN}&every=2s`)
    expect(unknown).toMatch(/^unknown parameter "every"/)
    expect(unknown).not.toContain(TOKEN)
  })
})
