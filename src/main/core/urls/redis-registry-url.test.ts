import { describe, expect, it } from 'vitest'
import { parseSourceUrl, type SourceSpec } from '../source-url'

function spec(url: string): SourceSpec {
  const result = parseSourceUrl(url)
  if (!result.ok) throw new Error(result.error)
  return result.spec
}

function error(url: string): string {
  const result = parseSourceUrl(url)
  if (result.ok) throw new Error('accepted')
  return result.error
}

describe('polled Redis registry URLs', () => {
  it("reads a hash URL with seed 000's defaults: key workers, every 2 s, a 5 s interval", () => {
    expect(spec('redis+hash://cache:6380/3')).toEqual({
      kind: 'redis-hash',
      displayUrl: 'redis+hash://cache:6380/3',
      connection: { host: 'cache', port: 6380, db: 3, username: null, password: null, tls: null },
      key: 'workers',
      pollEveryMs: 2_000,
      defaultIntervalMs: 5_000,
    })
  })

  it('takes the key, the poll period and the interval from the query', () => {
    expect(spec('redis+hash://h/0?key=fleet:workers&every=100ms&interval=300ms')).toMatchObject({
      key: 'fleet:workers',
      pollEveryMs: 100,
      defaultIntervalMs: 300,
    })
  })

  it('assumes an interval no shorter than the poll period, which is as often as a change can be seen', () => {
    expect(spec('redis+hash://h?every=10s')).toMatchObject({ pollEveryMs: 10_000, defaultIntervalMs: 10_000 })
  })

  it('reads TLS parameters on rediss+ schemes and hides the password', () => {
    const hash = spec('rediss+hash://u:pw@h:6390/0?ca=/etc/ca.pem&verify=0')
    expect(hash.displayUrl).toBe('rediss+hash://u:***@h:6390/0?ca=/etc/ca.pem&verify=0')
    expect(hash.kind === 'redis-hash' && hash.connection).toMatchObject({
      password: 'pw',
      tls: { caFile: '/etc/ca.pem', keyFile: null, verify: false },
    })
    const keys = spec('rediss+keys://h?profile=pipeline-heartbeat&servername=redis.internal')
    expect(keys.kind === 'redis-keys' && keys.connection.tls?.servername).toBe('redis.internal')
  })

  it('takes the TLS client key file as tlskey= on a hash URL, where key= names the hash', () => {
    const hash = spec('rediss+hash://h?key=fleet&cert=/c.pem&tlskey=/k.pem')
    expect(hash.kind === 'redis-hash' && [hash.key, hash.connection.tls]).toEqual([
      'fleet',
      { caFile: null, certFile: '/c.pem', keyFile: '/k.pem', verify: true, servername: null },
    ])
    expect(error('redis+hash://h?tlskey=/k.pem')).toMatch(/^TLS parameters need a TLS scheme/)
  })

  it("reads a keys URL with seed 002's profile: every 5 s, a 60 s interval", () => {
    expect(spec('redis+keys://h:6379/0?profile=pipeline-heartbeat')).toMatchObject({
      kind: 'redis-keys',
      profile: 'pipeline-heartbeat',
      pollEveryMs: 5_000,
      defaultIntervalMs: 60_000,
    })
    expect(spec('redis+keys://h?profile=pipeline-heartbeat&every=1s&interval=2s')).toMatchObject({
      pollEveryMs: 1_000,
      defaultIntervalMs: 2_000,
    })
  })

  it('says exactly what is wrong', () => {
    expect(error('redis+keys://h')).toBe(
      'profile= is required (known: pipeline-heartbeat), in redis+keys://h',
    )
    expect(error('redis+keys://h?profile=sidekiq')).toBe(
      'unknown profile "sidekiq" (known: pipeline-heartbeat)',
    )
    expect(error('redis+hash://h?key=')).toBe('key must name a hash, in redis+hash://h?key=')
    expect(error('redis+hash://h?every=often')).toBe(
      'every must be a duration like 30s or 500ms, got "often"',
    )
    expect(error('redis+hash://h?interval=0s')).toBe(
      'interval must be a duration like 30s or 500ms, got "0s"',
    )
    expect(error('redis+hash://h?pattern=x')).toMatch(/^unknown parameter "pattern"/)
    expect(error('redis+keys://h?profile=pipeline-heartbeat&hash=x')).toMatch(/^unknown parameter "hash"/)
    expect(error('redis+hash://h?ca=/x')).toMatch(/^TLS parameters need a TLS scheme/)
    expect(error('redis+hash://h/x')).toBe('database must be a number, got "x"')
  })
})
