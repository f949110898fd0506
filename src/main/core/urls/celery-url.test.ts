import { describe, expect, it } from 'vitest'
import { parseSourceUrl, type SourceSpec } from '../source-url'
import { celeryRedisEventPattern } from './celery-url'

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

describe('celery+redis:// URLs', () => {
  it("subscribes to kombu's fanout channel for worker events on the broker's database", () => {
    expect(spec('celery+redis://127.0.0.1:6379/3')).toMatchObject({
      kind: 'celery-redis',
      displayUrl: 'celery+redis://127.0.0.1:6379/3',
      defaultIntervalMs: 2_000,
      subscription: {
        kind: 'redis-pubsub',
        connection: { host: '127.0.0.1', port: 6379, db: 3, tls: null },
        patterns: ['/3.celeryev/worker.*'],
      },
    })
  })

  it('follows event_exchange, takes an interval, hides the password and speaks TLS as celery+rediss', () => {
    const parsed = spec('celery+rediss://:s3cret@redis.example:6380?exchange=events&interval=5s&ca=/ca.pem')
    expect(parsed).toMatchObject({
      displayUrl: 'celery+rediss://:***@redis.example:6380?exchange=events&interval=5s&ca=/ca.pem',
      defaultIntervalMs: 5_000,
      subscription: {
        connection: { password: 's3cret', db: 0, tls: { caFile: '/ca.pem', verify: true } },
        patterns: ['/0.events/worker.*'],
      },
    })
  })

  it('escapes glob characters of an exchange name', () => {
    expect(celeryRedisEventPattern(1, 'ev*[x]?')).toBe('/1.ev\\*\\[x\\]\\?/worker.*')
  })

  it('refuses unknown parameters and bad values', () => {
    expect(error('celery+redis://h/0?pattern=x')).toMatch(/^unknown parameter "pattern"/)
    expect(error('celery+redis://h/zero')).toBe('database must be a number, got "zero"')
    expect(error('celery+redis://h/0?interval=soon')).toMatch(/^interval must be a duration/)
    expect(error('celery+redis://h/0?ca=/x')).toMatch(/^TLS parameters need a TLS scheme/)
  })
})

describe('celery+amqp:// URLs', () => {
  it('binds our own queue to the celeryev topic exchange with worker.#', () => {
    expect(spec('celery+amqp://guest:guest@127.0.0.1:5672/%2F')).toMatchObject({
      kind: 'celery-amqp',
      displayUrl: 'celery+amqp://guest:***@127.0.0.1:5672/%2F',
      defaultIntervalMs: 2_000,
      subscription: {
        kind: 'amqp',
        connection: {
          host: '127.0.0.1',
          port: 5672,
          vhost: '/',
          username: 'guest',
          password: 'guest',
          tls: null,
        },
        exchange: 'celeryev',
        routingKey: 'worker.#',
        queue: null,
        passive: false,
        defaultIntervalMs: 2_000,
      },
    })
  })

  it('reads the vhost of a Celery broker URL as kombu does: `//` is `/`', () => {
    expect(spec('celery+amqp://guest:guest@localhost:5672//')).toMatchObject({
      displayUrl: 'celery+amqp://guest:***@localhost:5672//',
      subscription: { connection: { vhost: '/' } },
    })
  })

  it('takes exchange, prefetch, passive and TLS as celery+amqps', () => {
    expect(spec('celery+amqps://u:p@mq:5671/prod?exchange=ev&prefetch=10&passive=1&verify=0')).toMatchObject({
      subscription: {
        connection: { vhost: 'prod', port: 5671, tls: { verify: false } },
        exchange: 'ev',
        routingKey: 'worker.#',
        prefetch: 10,
        passive: true,
      },
    })
  })

  it('refuses a routing key or queue of its own, and bad values', () => {
    expect(error('celery+amqp://h/?routingKey=task.%23')).toMatch(/^unknown parameter "routingKey"/)
    expect(error('celery+amqp://h/?queue=q')).toMatch(/^unknown parameter "queue"/)
    expect(error('celery+amqp://h/?prefetch=0')).toMatch(/^prefetch must be a whole number/)
    expect(error('celery+amqp://h/a/b')).toMatch(/^the vhost is one path segment/)
  })
})
