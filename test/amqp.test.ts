/**
 * The RabbitMQ source against the real broker (127.0.0.1:5672, guest/guest): seed 002's publisher
 * messages through the whole engine. Every test has its own exchange and queues, deleted afterwards;
 * the broker itself is shared and never stopped: a dropped connection is ours, closed by rabbitmqctl.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { connect, type Channel, type ChannelModel } from 'amqplib'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { watch, type Harness } from './support/engine-harness'
import { uniqueName, waitFor } from './support/wait'

const BROKER = 'amqp://guest:guest@127.0.0.1:5672/%2F'
const run = promisify(execFile)

let admin: ChannelModel
let channel: Channel
const cleanups: (() => Promise<unknown> | void)[] = []

beforeAll(async () => {
  admin = await connect(BROKER)
  channel = await admin.createChannel()
})
afterAll(async () => {
  await admin.close()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** `%Y-%m-%d %H:%M:%S UTC`, as the seed's publisher writes its times. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** What seed 002's publisher sends: its start time at the top, each component checked just now. */
function seed002(hostStatus = 'ok', consumerStatus = 'not_ok'): string {
  const now = utc(new Date())
  return JSON.stringify({
    status: 'heartbeat',
    service: 'publisher',
    timestamp: '2024-11-11 13:40:17 UTC',
    hosts: [{ name: 'sda-doa', status: hostStatus, timestamp: now }],
    rmq_consumers: {
      queues_status: [{ name: 'inbox', status: consumerStatus, timestamp: now }],
      services_status: [{ name: 'mq-interceptor', status: consumerStatus, timestamp: now }],
    },
  })
}

const INSTANCES = ['publisher', 'host:sda-doa', 'queue:inbox', 'service:mq-interceptor']

interface Topology {
  exchange: string
  routingKey: string
  publish(body: string): void
}

/** The seed's deployment: a durable topic exchange that exists before anyone watches it. */
async function topology(declareExchange = true): Promise<Topology> {
  const exchange = uniqueName('hbtest-exchange')
  const routingKey = 'service.heartbeat'
  if (declareExchange) await channel.assertExchange(exchange, 'topic', { durable: true })
  cleanups.push(() => channel.deleteExchange(exchange))
  return {
    exchange,
    routingKey,
    publish: (body) => channel.publish(exchange, routingKey, Buffer.from(body)),
  }
}

function watchAmqp(params: Record<string, string>): Harness {
  const harness = watch(`${BROKER}?${new URLSearchParams(params).toString()}`)
  cleanups.push(() => harness.stop())
  return harness
}

function source(harness: Harness) {
  return harness.engine.sourceViews()[0]
}

/** Our connection only, found by the name the source gives it; never the whole broker's. */
async function closeOurConnection(exchange: string): Promise<void> {
  const { stdout } = await run('rabbitmqctl', [
    '-q',
    '--no-table-headers',
    'list_connections',
    'pid',
    'client_properties',
  ])
  const ours = stdout.split('\n').filter((line) => line.includes(`exchange ${exchange},`))
  expect(ours).toHaveLength(1)
  const pid = (ours[0] as string).split('\t')[0] as string
  await run('rabbitmqctl', ['-q', 'close_connection', pid, 'heartbeat-tray test: dropped on purpose'])
}

describe('RabbitMQ source (seed 002)', () => {
  it('makes the publisher and each of its components alive, with their reported health', async () => {
    const { exchange, routingKey, publish } = await topology()
    const harness = watchAmqp({ exchange, routingKey })
    await harness.waitForSource('connected')
    publish(seed002('ok', 'not_ok'))
    for (const instance of INSTANCES) await harness.waitForState('publisher', 'alive', 5_000, instance)

    const reported = Object.fromEntries(
      harness.engine.services().map((view) => [`${view.service}/${view.instance}`, view.reported]),
    )
    expect(reported).toEqual({
      'publisher/publisher': 'heartbeat',
      'publisher/host:sda-doa': 'ok',
      'publisher/queue:inbox': 'not_ok',
      'publisher/service:mq-interceptor': 'not_ok',
    })
    // Seed 002's 60 s unless told otherwise: stale after 90 s.
    expect(harness.engine.services()[0]).toMatchObject({ expectedIntervalMs: 60_000, staleAfterMs: 90_000 })
    expect(source(harness)?.details.queue).toMatch(/^amq\.gen-/)
  })

  it("binds its own queue: the seed subscriber's queue still gets every message", async () => {
    const { exchange, routingKey, publish } = await topology()
    // The seed's subscriber: its durable queue, bound with the routing key, and a consumer on it.
    const seedQueue = uniqueName('hbtest-seed-queue')
    await channel.assertQueue(seedQueue, { durable: true })
    await channel.bindQueue(seedQueue, exchange, routingKey)
    cleanups.push(() => channel.deleteQueue(seedQueue))
    const subscriber = await admin.createChannel()
    cleanups.push(() => subscriber.close())
    const seenBySubscriber: string[] = []
    await subscriber.consume(
      seedQueue,
      (message) => {
        if (message) seenBySubscriber.push(message.content.toString())
      },
      { noAck: true },
    )

    const harness = watchAmqp({ exchange, routingKey })
    await harness.waitForSource('connected')
    for (let i = 0; i < 6; i++) publish(seed002())
    await waitFor(() => source(harness)?.received === 6, 5_000, 'six messages to us')
    await waitFor(() => seenBySubscriber.length === 6, 5_000, 'six messages to the subscriber')
    expect(harness.stateOf('publisher', 'publisher')).toBe('alive')
  })

  it('makes every instance stale, then dead, when the publisher falls silent', async () => {
    const { exchange, routingKey, publish } = await topology()
    const harness = watchAmqp({ exchange, routingKey, interval: '300ms' })
    await harness.waitForSource('connected')
    publish(seed002())
    await harness.waitForState('publisher', 'alive', 5_000, 'publisher')
    for (const instance of INSTANCES) await harness.waitForState('publisher', 'dead', 5_000, instance)
    for (const instance of INSTANCES) {
      const path = harness.transitions.filter((t) => t.instance === instance).map((t) => t.to)
      expect(path, instance).toEqual(['alive', 'stale', 'dead'])
    }
  })

  it('consumes a named queue with queue=, declared durable and bound as the seed does', async () => {
    const { exchange, routingKey, publish } = await topology()
    const queue = uniqueName('hbtest-named-queue')
    cleanups.push(() => channel.deleteQueue(queue))
    const harness = watchAmqp({ exchange, routingKey, queue })
    await harness.waitForSource('connected')
    expect(source(harness)?.details).toEqual({ queue, exchange, routingKey, oldMessagesSkipped: 0 })
    publish(seed002())
    await harness.waitForState('publisher', 'alive', 5_000, 'host:sda-doa')

    await harness.stop()
    // Durable and not ours alone: it outlives our connection, as the seed's queue does.
    expect(await channel.checkQueue(queue)).toMatchObject({ queue, consumerCount: 0 })
  })

  it('skips what a named queue held before it came: a backlog is no news of now', async () => {
    const { exchange, routingKey, publish } = await topology()
    const queue = uniqueName('hbtest-named-queue')
    await channel.assertQueue(queue, { durable: true })
    await channel.bindQueue(queue, exchange, routingKey)
    cleanups.push(() => channel.deleteQueue(queue))
    for (let i = 0; i < 3; i++) publish(seed002())
    await waitFor(async () => (await channel.checkQueue(queue)).messageCount === 3, 5_000, 'a backlog')

    const harness = watchAmqp({ exchange, routingKey, queue })
    await harness.waitForSource('connected')
    expect(source(harness)?.details.oldMessagesSkipped).toBe(3)
    await waitFor(async () => (await channel.checkQueue(queue)).messageCount === 0, 5_000, 'backlog acked')
    expect(source(harness)?.received).toBe(0)
    expect(harness.engine.services()).toEqual([])

    publish(seed002())
    await harness.waitForState('publisher', 'alive', 5_000, 'publisher')
    expect(source(harness)?.received).toBe(1)
  })

  it('counts malformed messages and acks them: none is redelivered', async () => {
    const { exchange, routingKey, publish } = await topology()
    const queue = uniqueName('hbtest-named-queue')
    cleanups.push(() => channel.deleteQueue(queue))
    const harness = watchAmqp({ exchange, routingKey, queue, prefetch: '2' })
    await harness.waitForSource('connected')
    publish('not json')
    publish('{"service": 7}')
    publish(JSON.stringify({ service: 'publisher', hosts: [{ status: 'ok' }] }))
    publish(seed002())
    await waitFor(() => source(harness)?.received === 4, 5_000, 'four messages')
    expect(source(harness)?.rejected).toBe(3)
    expect(source(harness)?.lastRejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^bad JSON/),
      'service must be a string, got number',
      'missing hosts[0].name',
    ])
    expect(harness.stateOf('publisher', 'publisher')).toBe('alive')

    await harness.stop()
    // Unacked messages would be back in the queue once our channel closed.
    expect((await channel.checkQueue(queue)).messageCount).toBe(0)
  })

  it('says the exchange is missing with passive=1, and connects once it exists', async () => {
    const { exchange, routingKey, publish } = await topology(false)
    const harness = watchAmqp({ exchange, routingKey, passive: '1' })
    await harness.waitForSource('disconnected')
    expect(source(harness)?.lastError).toBe(`checking exchange "${exchange}" (passive=1): it does not exist`)

    await channel.assertExchange(exchange, 'topic', { durable: true })
    await harness.waitForSource('connected', 10_000)
    publish(seed002())
    await harness.waitForState('publisher', 'alive', 5_000, 'publisher')
  })

  it('makes services unknown when its connection is dropped, then reconnects and re-consumes', async () => {
    const { exchange, routingKey, publish } = await topology()
    const harness = watchAmqp({ exchange, routingKey, interval: '5s' })
    await harness.waitForSource('connected')
    publish(seed002())
    await harness.waitForState('publisher', 'alive', 5_000, 'publisher')

    await closeOurConnection(exchange)
    await harness.waitForState('publisher', 'unknown', 5_000, 'publisher')
    expect(source(harness)?.lastError).toMatch(/CONNECTION_FORCED/)
    await harness.waitForSource('connected', 10_000)
    publish(seed002())
    await harness.waitForState('publisher', 'alive', 5_000, 'publisher')
    const path = harness.transitions.filter((t) => t.instance === 'publisher').map((t) => t.to)
    expect(path).toEqual(['alive', 'unknown', 'alive'])
  })

  it('says why it cannot connect: no broker, no such vhost, an unreadable TLS file', async () => {
    const cases: [string, RegExp][] = [
      ['amqp://127.0.0.1:1', /^connect ECONNREFUSED 127\.0\.0\.1:1$/],
      [
        'amqp://guest:guest@127.0.0.1:5672/heartbeat-tray-no-such-vhost',
        /^the broker refused vhost "heartbeat-tray-no-such-vhost": does it exist/,
      ],
      [
        'amqps://127.0.0.1:5671?ca=/nonexistent/heartbeat-tray-ca.pem',
        /^cannot read the TLS CA file: ENOENT.*\/nonexistent\/heartbeat-tray-ca\.pem/,
      ],
    ]
    for (const [url, error] of cases) {
      const harness = watch(url)
      cleanups.push(() => harness.stop())
      await harness.waitForSource('disconnected')
      expect(source(harness)?.lastError, url).toMatch(error)
    }
  })
})
