import { describe, expect, it } from 'vitest'
import { parseSourceUrl, type SourceSpec } from '../source-url'
import { sidekiqKey } from './sidekiq-url'

function spec(url: string): SourceSpec {
  const parsed = parseSourceUrl(url)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.spec
}

function error(url: string): string {
  const parsed = parseSourceUrl(url)
  if (parsed.ok) throw new Error('accepted')
  return parsed.error
}

describe('rq:// URLs', () => {
  it("polls every 2 s and assumes RQ's default beat until a TTL says better", () => {
    expect(spec('rq://127.0.0.1:6379/2')).toMatchObject({
      kind: 'rq',
      displayUrl: 'rq://127.0.0.1:6379/2',
      connection: { host: '127.0.0.1', port: 6379, db: 2, tls: null },
      pollEveryMs: 2_000,
      defaultIntervalMs: 405_000,
    })
  })

  it('takes every, interval, a password and TLS as rq+rediss', () => {
    expect(spec('rq+rediss://:pw@r:6380/1?every=500ms&interval=5s&verify=0')).toMatchObject({
      displayUrl: 'rq+rediss://:***@r:6380/1?every=500ms&interval=5s&verify=0',
      connection: { password: 'pw', tls: { verify: false } },
      pollEveryMs: 500,
      defaultIntervalMs: 5_000,
    })
  })

  it('refuses unknown parameters and bad values', () => {
    expect(error('rq://h/0?namespace=x')).toMatch(/^unknown parameter "namespace"/)
    expect(error('rq://h/0?every=often')).toMatch(/^every must be a duration/)
    expect(error('rq://h/0?ca=/ca.pem')).toMatch(/^TLS parameters need a TLS scheme/)
  })
})

describe('sidekiq:// URLs', () => {
  it('polls every 2 s with no namespace by default', () => {
    expect(spec('sidekiq://127.0.0.1/0')).toMatchObject({
      kind: 'sidekiq',
      connection: { db: 0 },
      pollEveryMs: 2_000,
      defaultIntervalMs: 10_000,
      namespace: '',
    })
  })

  it('takes a namespace, and TLS as sidekiq+rediss', () => {
    expect(spec('sidekiq+rediss://r/3?namespace=myapp&every=1s')).toMatchObject({
      namespace: 'myapp',
      pollEveryMs: 1_000,
      connection: { db: 3, tls: { verify: true } },
    })
  })

  it('prefixes keys as redis-namespace does', () => {
    expect(sidekiqKey('', 'processes')).toBe('processes')
    expect(sidekiqKey('myapp', 'processes')).toBe('myapp:processes')
  })

  it('refuses unknown parameters', () => {
    expect(error('sidekiq://h/0?set=processes')).toMatch(/^unknown parameter "set"/)
  })
})
