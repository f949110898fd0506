import { describe, expect, it } from 'vitest'
import { parseSourceUrl } from '../source-url'
import { parseRedisClusterText } from './redis-cluster-url'

function error(text: string): string {
  const parsed = parseRedisClusterText(text)
  if (parsed.ok) throw new Error('accepted')
  return parsed.error
}

describe('redis+cluster:// source URLs', () => {
  it('reads the comma-separated seed list, credentials and patterns, and hides the password', () => {
    const parsed = parseSourceUrl(
      'redis+cluster://app:p%40ss@h1:7000,H2:7001,[::1]:7002,h4?pattern=a:*&pattern=b:*&interval=2s',
    )
    expect(parsed).toEqual({
      ok: true,
      spec: {
        kind: 'redis-cluster-pubsub',
        displayUrl:
          'redis+cluster://app:***@h1:7000,H2:7001,[::1]:7002,h4?pattern=a:*&pattern=b:*&interval=2s',
        seedNodes: [
          { host: 'h1', port: 7000 },
          { host: 'h2', port: 7001 },
          { host: '::1', port: 7002 },
          { host: 'h4', port: 6379 },
        ],
        username: 'app',
        password: 'p@ss',
        tls: null,
        patterns: ['a:*', 'b:*'],
        defaultIntervalMs: 2_000,
      },
    })
  })

  it("defaults to seed 001's two channel families; a single host goes through the same parser", () => {
    const parsed = parseSourceUrl('redis+cluster://:secret@h1:7000/0')
    expect(parsed.ok && parsed.spec).toMatchObject({
      kind: 'redis-cluster-pubsub',
      displayUrl: 'redis+cluster://:***@h1:7000/0',
      username: null,
      password: 'secret',
      patterns: ['heartbeat:service:*', 'health:service:*:heartbeat'],
      defaultIntervalMs: null,
    })
  })

  it('takes TLS files with rediss+cluster:// only', () => {
    const parsed = parseRedisClusterText('rediss+cluster://h1:7000,h2:7001?ca=/etc/ca.pem&verify=0')
    expect(parsed.ok && parsed.value.tls).toEqual({
      caFile: '/etc/ca.pem',
      certFile: null,
      keyFile: null,
      verify: false,
      servername: null,
    })
    expect(error('redis+cluster://h1:7000?ca=/etc/ca.pem')).toMatch(/TLS parameters need a TLS scheme/)
  })

  it('says exactly what is wrong, without the password', () => {
    expect(error('redis+cluster://u:pw@h1:7000,h2:x')).toBe('bad cluster node "h2:x" (want host:port)')
    expect(error('redis+cluster://h1:7000,,h2:7001')).toBe('bad cluster node "" (want host:port)')
    expect(error('redis+cluster://h1:99999')).toBe('bad cluster node "h1:99999" (bad port)')
    expect(error('redis+cluster://u:pw@h1:7000/3')).toBe(
      'a cluster has only database 0, got "3" in redis+cluster://u:***@h1:7000/3',
    )
    expect(error('redis+cluster://u:pw@h1:7000?patern=x')).toBe(
      'unknown parameter "patern" in redis+cluster://u:***@h1:7000?patern=x',
    )
    expect(error('redis+cluster://h1:7000?interval=soon')).toMatch(/^interval must be a duration/)
    expect(error('redis+cluster://u:%zz@h1:7000')).toBe('the user name or password has a bad %-escape')
  })
})

describe('redis+cluster+hash:// source URLs', () => {
  it("reads the seed list and credentials as redis+cluster:// does, with redis+hash://'s defaults", () => {
    const parsed = parseSourceUrl('redis+cluster+hash://app:pw@h1:7000,h2:7001')
    expect(parsed).toEqual({
      ok: true,
      spec: {
        kind: 'redis-cluster-hash',
        displayUrl: 'redis+cluster+hash://app:***@h1:7000,h2:7001',
        seedNodes: [
          { host: 'h1', port: 7000 },
          { host: 'h2', port: 7001 },
        ],
        username: 'app',
        password: 'pw',
        tls: null,
        key: 'workers',
        pollEveryMs: 2_000,
        defaultIntervalMs: 5_000,
      },
    })
  })

  it('takes key, every and interval; an interval defaults to no less than the poll', () => {
    const parsed = parseRedisClusterText('redis+cluster+hash://h1:7000?key=pool:w&every=10s')
    expect(parsed.ok && parsed.value).toMatchObject({
      key: 'pool:w',
      pollEveryMs: 10_000,
      defaultIntervalMs: 10_000,
    })
    const explicit = parseRedisClusterText('redis+cluster+hash://h1:7000?every=100ms&interval=300ms')
    expect(explicit.ok && explicit.value).toMatchObject({ pollEveryMs: 100, defaultIntervalMs: 300 })
  })

  it('takes the TLS client key as tlskey= with rediss+cluster+hash:// only', () => {
    const parsed = parseSourceUrl(
      'rediss+cluster+hash://h1:7000?key=workers&tlskey=/etc/client.key&cert=/etc/c.pem',
    )
    expect(
      parsed.ok && parsed.spec.kind === 'redis-cluster-hash' && [parsed.spec.key, parsed.spec.tls],
    ).toEqual([
      'workers',
      { caFile: null, certFile: '/etc/c.pem', keyFile: '/etc/client.key', verify: true, servername: null },
    ])
    expect(error('redis+cluster+hash://h1:7000?tlskey=/etc/client.key')).toMatch(
      /TLS parameters need a TLS scheme \(rediss\+cluster\+hash:\/\/\)/,
    )
    // key= names the hash here, so it is no TLS parameter.
    expect(parseRedisClusterText('redis+cluster+hash://h1:7000?key=workers').ok).toBe(true)
  })

  it('says exactly what is wrong', () => {
    expect(error('redis+cluster+hash://h1:7000?key=')).toBe(
      'key must name a hash, in redis+cluster+hash://h1:7000?key=',
    )
    expect(error('redis+cluster+hash://h1:7000?pattern=x')).toMatch(/^unknown parameter "pattern"/)
    expect(error('redis+cluster://h1:7000?every=1s')).toMatch(/^unknown parameter "every"/)
    expect(error('redis+cluster+hash://h1:7000?every=often')).toMatch(/^every must be a duration/)
  })
})
