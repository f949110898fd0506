import { describe, expect, it } from 'vitest'
import { parseSourceUrl } from '../source-url'
import { parseAmqpUrl, type AmqpSpec } from './amqp-url'

function spec(text: string): AmqpSpec {
  const parsed = parseAmqpUrl(new URL(text))
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

function error(text: string): string {
  const parsed = parseAmqpUrl(new URL(text))
  if (parsed.ok) throw new Error('accepted')
  return parsed.error
}

describe('amqp:// source URLs', () => {
  it("defaults to seed 002's exchange, routing key and interval, our own queue, vhost /", () => {
    expect(spec('amqp://rabbit')).toEqual({
      kind: 'amqp',
      displayUrl: 'amqp://rabbit',
      connection: { host: 'rabbit', port: 5672, vhost: '/', username: 'guest', password: 'guest', tls: null },
      exchange: 'my_topic_exchange',
      routingKey: 'service.heartbeat',
      queue: null,
      passive: false,
      prefetch: 100,
      defaultIntervalMs: 60_000,
    })
  })

  it('reads every parameter, the %2F-encoded vhost and the credentials, and hides the password', () => {
    const amqp = spec(
      'amqp://sda:s3cr%40t@mq.example:5673/%2F?exchange=sda&routingKey=sda_heartbeat&queue=heartbeat&passive=1&prefetch=10&interval=30s',
    )
    expect(amqp).toMatchObject({
      exchange: 'sda',
      routingKey: 'sda_heartbeat',
      queue: 'heartbeat',
      passive: true,
      prefetch: 10,
      defaultIntervalMs: 30_000,
    })
    expect(amqp.connection).toMatchObject({ port: 5673, vhost: '/', username: 'sda', password: 's3cr@t' })
    expect(amqp.displayUrl).not.toContain('s3cr')
    expect(amqp.displayUrl).toMatch(/^amqp:\/\/sda:\*\*\*@mq\.example:5673\//)
    expect(spec('amqp://h/prod').connection.vhost).toBe('prod')
    expect(spec('amqp://h/').connection.vhost).toBe('/')
    expect(spec('amqp://h?exchange=&queue=').exchange).toBe('my_topic_exchange')
  })

  it('reads amqps:// with its TLS files, on port 5671', () => {
    const amqps = spec('amqps://[::1]?ca=/etc/ca.pem&cert=/c.pem&key=/k.pem&verify=0&servername=mq.internal')
    expect(amqps.connection).toMatchObject({ host: '::1', port: 5671 })
    expect(amqps.connection.tls).toEqual({
      caFile: '/etc/ca.pem',
      certFile: '/c.pem',
      keyFile: '/k.pem',
      verify: false,
      servername: 'mq.internal',
    })
  })

  it('is chosen for both schemes by parseSourceUrl', () => {
    for (const url of ['amqp://h', 'amqps://h']) {
      const parsed = parseSourceUrl(url)
      expect(parsed.ok && parsed.spec.kind).toBe('amqp')
    }
  })

  it('says exactly what is wrong', () => {
    expect(error('amqp://h?exchnage=x')).toBe('unknown parameter "exchnage" in amqp://h?exchnage=x')
    expect(error('amqp://h?ca=/ca.pem')).toBe(
      'TLS parameters need a TLS scheme (amqps://), in amqp://h?ca=/ca.pem',
    )
    expect(error('amqp://h/a/b')).toBe('the vhost is one path segment: write "/" inside it as %2F, got "a/b"')
    expect(error('amqp://h/%zz')).toBe('vhost is not valid percent-encoding: "%zz"')
    expect(error('amqp://u:%zz@h')).toBe('password is not valid percent-encoding')
    expect(error('amqp://h?passive=maybe')).toBe('passive must be 1 or 0, got "maybe"')
    expect(error('amqp://h?prefetch=0')).toBe('prefetch must be a whole number from 1 to 65535, got "0"')
    expect(error('amqp://h?prefetch=1.5')).toBe('prefetch must be a whole number from 1 to 65535, got "1.5"')
    expect(error('amqp://h?interval=soon')).toBe('interval must be a duration like 30s or 500ms, got "soon"')
  })
})
