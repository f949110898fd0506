import { describe, expect, it } from 'vitest'
import { parseSourceUrl, redactUrl, SEED001_PATTERNS, type RedisPubSubSpec } from './source-url'

function spec(url: string): RedisPubSubSpec {
  const result = parseSourceUrl(url)
  if (!result.ok) throw new Error(result.error)
  if (result.spec.kind !== 'redis-pubsub') throw new Error(`parsed as ${result.spec.kind}`)
  return result.spec
}

function error(url: string): string {
  const result = parseSourceUrl(url)
  if (result.ok) throw new Error('accepted')
  return result.error
}

describe('source URLs', () => {
  it('reads a Redis pub/sub URL with the seed 001 patterns by default', () => {
    const redis = spec('redis://127.0.0.1:6379/2')
    expect(redis.connection).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
      db: 2,
      tls: null,
      password: null,
    })
    expect(redis.patterns).toEqual(SEED001_PATTERNS)
    expect(redis.defaultIntervalMs).toBeNull()
  })

  it('takes repeated patterns, a default interval and defaults the port and db', () => {
    const redis = spec('redis://cache?pattern=hb:*&pattern=x:*&interval=30s')
    expect(redis.connection).toMatchObject({ host: 'cache', port: 6379, db: 0 })
    expect(redis.patterns).toEqual(['hb:*', 'x:*'])
    expect(redis.defaultIntervalMs).toBe(30_000)
  })

  it('keeps the password for connecting and hides it everywhere else', () => {
    const redis = spec('redis://user:s3cr%40t@host:6380/0')
    expect(redis.connection.password).toBe('s3cr@t')
    expect(redis.connection.username).toBe('user')
    expect(redis.displayUrl).toBe('redis://user:***@host:6380/0')
    expect(redactUrl('redis://:pw@host')).toBe('redis://:***@host')
  })

  it('reads TLS options from rediss://', () => {
    const redis = spec('rediss://host:6390?ca=/etc/ca.pem&verify=0&servername=redis.internal')
    expect(redis.connection.tls).toEqual({
      caFile: '/etc/ca.pem',
      certFile: null,
      keyFile: null,
      verify: false,
      servername: 'redis.internal',
    })
  })

  it('says exactly what is wrong', () => {
    expect(error('nonsense')).toBe('not a URL: nonsense')
    expect(error('ftp://host')).toMatch(/^unsupported source scheme "ftp:"/)
    expect(error('redis://host/abc')).toBe('database must be a number, got "abc"')
    expect(error('redis://host?interval=soon')).toBe(
      'interval must be a duration like 30s or 500ms, got "soon"',
    )
    expect(error('redis://host?patern=x')).toMatch(/^unknown parameter "patern"/)
    expect(error('redis://host?ca=/x')).toMatch(/^TLS parameters need a TLS scheme/)
    expect(error('redis://:pw@host?bad=1')).not.toContain('pw')
  })
})
