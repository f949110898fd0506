/**
 * TLS (issue 5): `rediss://` against a local redis-server started with TLS on a free port, and `amqps://`
 * through a TLS front to the shared RabbitMQ, with a throwaway CA made by openssl. A CA file, a client
 * certificate and key, `verify=0` with a self-signed server, and a wrong CA: a clear health error,
 * never a crash.
 */
import { connect as connectTcp } from 'node:net'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:tls'
import { connect as connectAmqp } from 'amqplib'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { watch, type Harness } from './support/engine-harness'
import { startRedisWith, type RedisVariant } from './support/redis-variants'
import { makeCertificates, type Certificates } from './support/test-certificates'
import { uniqueName, waitFor } from './support/wait'

let certs: Certificates
/** Signed by our CA; wants a client certificate signed by it too. */
let mutualTls: RedisVariant
/** A self-signed server certificate; no client certificate asked. */
let selfSigned: RedisVariant

beforeAll(async () => {
  certs = makeCertificates()
  const tlsArgs = (cert: { cert: string; key: string }, authClients: 'yes' | 'no') => (port: number) => [
    '--port',
    '0',
    '--tls-port',
    String(port),
    '--tls-cert-file',
    cert.cert,
    '--tls-key-file',
    cert.key,
    '--tls-ca-cert-file',
    certs.ca,
    '--tls-auth-clients',
    authClients,
  ]
  ;[mutualTls, selfSigned] = await Promise.all([
    startRedisWith(tlsArgs(certs.server, 'yes'), { tls: clientTls() }),
    startRedisWith(tlsArgs(certs.selfSigned, 'no'), { tls: { rejectUnauthorized: false } }),
  ])
}, 30_000)

afterAll(async () => {
  await Promise.all([mutualTls?.stop(), selfSigned?.stop()])
  certs?.remove()
})

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function clientTls() {
  return {
    ca: readFileSync(certs.ca),
    cert: readFileSync(certs.client.cert),
    key: readFileSync(certs.client.key),
  }
}

function watchUrl(url: string): Harness {
  const harness = watch(url, { defaultIntervalMs: 1_000 })
  cleanups.push(() => harness.stop())
  return harness
}

function source(harness: Harness) {
  return harness.engine.sourceViews()[0]
}

/** Waits for the source to give up on a connection attempt with an error, and stay without one. */
async function expectRefused(harness: Harness, error: RegExp): Promise<void> {
  await waitFor(() => source(harness)?.lastError !== null, 5_000, 'a connection error')
  expect(source(harness)?.lastError).toMatch(error)
  expect(source(harness)?.state).not.toBe('connected')
}

async function publishOverTls(port: number, tls: object, channel: string, service: string): Promise<void> {
  const publisher = new Redis({ host: '127.0.0.1', port, tls, maxRetriesPerRequest: 1 })
  cleanups.push(() => publisher.disconnect())
  await publisher.publish(channel, JSON.stringify({ service_name: service, instance_id: 'i-1' }))
}

describe('rediss://', () => {
  it('connects with a CA file, a client certificate and its key, and receives heartbeats', async () => {
    const prefix = uniqueName('hbtls')
    const params = new URLSearchParams({
      pattern: `${prefix}:*`,
      ca: certs.ca,
      cert: certs.client.cert,
      key: certs.client.key,
    })
    const harness = watchUrl(`rediss://127.0.0.1:${mutualTls.port}/0?${params.toString()}`)
    await harness.waitForSource('connected')
    await publishOverTls(mutualTls.port, clientTls(), `${prefix}:x`, `${prefix}-svc`)
    await harness.waitForState(`${prefix}-svc`, 'alive', 5_000, 'i-1')
    expect(source(harness)?.url).toMatch(/^rediss:\/\/127\.0\.0\.1:\d+\/0\?pattern=/)
  })

  it('says so when the server wants a client certificate and none is given', async () => {
    const harness = watchUrl(`rediss://127.0.0.1:${mutualTls.port}/0?ca=${certs.ca}`)
    // TLS 1.3: the handshake completes, then the server drops the connection without a certificate.
    await expectRefused(harness, /ECONNRESET|certificate/i)
  })

  it('refuses a server whose certificate the given CA did not sign', async () => {
    const params = new URLSearchParams({ ca: certs.otherCa, cert: certs.client.cert, key: certs.client.key })
    const harness = watchUrl(`rediss://127.0.0.1:${mutualTls.port}/0?${params.toString()}`)
    await expectRefused(harness, /self-signed certificate in certificate chain/)
  })

  it('refuses a self-signed server unless verify=0, and then works', async () => {
    const refusing = watchUrl(`rediss://127.0.0.1:${selfSigned.port}/0`)
    await expectRefused(refusing, /self[- ]signed certificate/i)

    const prefix = uniqueName('hbtls')
    const trusting = watchUrl(`rediss://127.0.0.1:${selfSigned.port}/0?verify=0&pattern=${prefix}:*`)
    await trusting.waitForSource('connected')
    await publishOverTls(selfSigned.port, { rejectUnauthorized: false }, `${prefix}:x`, `${prefix}-svc`)
    await trusting.waitForState(`${prefix}-svc`, 'alive', 5_000, 'i-1')
  })

  it('says which file it cannot read', async () => {
    const harness = watchUrl(`rediss://127.0.0.1:${mutualTls.port}/0?ca=${certs.folder}/missing.pem`)
    await expectRefused(harness, /ENOENT.*missing\.pem/)
  })
})

/** A TLS front for the shared RabbitMQ (which listens without TLS): what amqps:// talks to. */
async function tlsFrontForRabbitMq(): Promise<number> {
  const sockets = new Set<{ destroy(): void }>()
  const server: Server = createServer(
    {
      cert: readFileSync(certs.server.cert),
      key: readFileSync(certs.server.key),
      ca: readFileSync(certs.ca),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (socket) => {
      const broker = connectTcp(5672, '127.0.0.1')
      sockets.add(socket).add(broker)
      socket.pipe(broker).pipe(socket)
      socket.on('error', () => broker.destroy())
      broker.on('error', () => socket.destroy())
    },
  )
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  )
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

describe('amqps://', () => {
  it('connects through TLS with a CA file and a client certificate, and refuses a wrong CA', async () => {
    const port = await tlsFrontForRabbitMq()
    const exchange = uniqueName('hbtls-exchange')
    const admin = await connectAmqp('amqp://guest:guest@127.0.0.1:5672/%2F')
    const channel = await admin.createChannel()
    await channel.assertExchange(exchange, 'topic', { durable: true })
    cleanups.push(async () => {
      await channel.deleteExchange(exchange)
      await admin.close()
    })
    const params = (ca: string) =>
      new URLSearchParams({ exchange, ca, cert: certs.client.cert, key: certs.client.key }).toString()

    const harness = watchUrl(`amqps://guest:guest@127.0.0.1:${port}/%2F?${params(certs.ca)}`)
    await harness.waitForSource('connected', 10_000)
    channel.publish(
      exchange,
      'service.heartbeat',
      Buffer.from(JSON.stringify({ status: 'heartbeat', service: `${exchange}-publisher` })),
    )
    await harness.waitForState(`${exchange}-publisher`, 'alive')

    const wrongCa = watchUrl(`amqps://guest:guest@127.0.0.1:${port}/%2F?${params(certs.otherCa)}`)
    await expectRefused(wrongCa, /certificate/i)
  })
})
