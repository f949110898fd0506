/**
 * Celery's worker events from real Celery workers (Debian's python3-celery), through the whole engine:
 * over Redis (a private redis-server: the worker owns its broker database) and over the shared
 * RabbitMQ (a unique event exchange and task queue, deleted afterwards). Workers heartbeat every second
 * (`--heartbeat-interval 1`): stale after 1.5 s, dead after 3 s.
 */
import { connect, type ChannelModel } from 'amqplib'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { watch, type Harness } from './support/engine-harness'
import { startPrivateRedis, type PrivateRedis } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'
import { appDir, WorkerProcesses, type WorkerProcess } from './support/worker-processes'

const BROKER_AMQP = 'amqp://guest:guest@127.0.0.1:5672/%2F'
/** Debian's python3, whatever `python3` is first on PATH. */
const PYTHON = '/usr/bin/python3'
const NODE_HOST = 'testhost'

/** The tiny app: everything it declares is named by the test, and no remote-control (pidbox) exchange. */
const APP = `
import os
from celery import Celery

app = Celery('hbapp', broker=os.environ['HB_BROKER'])
app.conf.update(
    worker_enable_remote_control=False,
    task_default_queue=os.environ['HB_QUEUE'],
    event_exchange=os.environ.get('HB_EVENT_EXCHANGE', 'celeryev'),
)
`

const workers = new WorkerProcesses()
const cleanups: (() => Promise<unknown> | void)[] = []
let redis: PrivateRedis
let app: { path: string; remove(): Promise<void> }

beforeAll(async () => {
  redis = await startPrivateRedis()
  app = await appDir('hbcelery', { 'hbapp.py': APP })
})
afterAll(async () => {
  await redis?.stop()
  await app?.remove()
})
afterEach(async () => {
  await workers.killAll()
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Node {
  name: string
  process: WorkerProcess
  /** The instance the decoder makes of it: node name and pid. */
  instance: string
}

function startNode(name: string, broker: string, env: Record<string, string> = {}): Node {
  const process = workers.start(
    PYTHON,
    [
      '-m',
      'celery',
      '-A',
      'hbapp',
      'worker',
      '-E',
      '-n',
      `${name}@${NODE_HOST}`,
      '--heartbeat-interval',
      '1',
      '-P',
      'solo',
      '--without-mingle',
      '--without-gossip',
      '-l',
      'warning',
    ],
    { cwd: app.path, env: { HB_BROKER: broker, HB_QUEUE: `${name}-tasks`, PYTHONPATH: app.path, ...env } },
  )
  return { name, process, instance: `${name}@${NODE_HOST}#${process.pid}` }
}

function watchCelery(url: string): Harness {
  const harness = watch(url)
  cleanups.push(() => harness.stop())
  return harness
}

/** Waits for a state, saying what the worker printed if it never comes. */
async function expectState(harness: Harness, node: Node, state: string, timeoutMs = 10_000): Promise<void> {
  try {
    await harness.waitForState(node.name, state, timeoutMs, node.instance)
  } catch (error) {
    const seen = harness.engine.services().map((view) => `${view.instance}=${view.state}`)
    throw new Error(
      `${(error as Error).message}; instances: ${seen.join(', ')}; worker said:\n${node.process.output()}`,
      { cause: error },
    )
  }
}

function statesOf(harness: Harness, node: Node): string[] {
  return harness.transitions.filter((t) => t.instance === node.instance).map((t) => t.to)
}

describe('Celery over Redis', () => {
  it('makes a worker alive on its events, then stale and dead once killed', async () => {
    const harness = watchCelery(`celery+redis://127.0.0.1:${redis.port}/0`)
    await harness.waitForSource('connected')
    const node = startNode(uniqueName('w'), `${redis.url}`)
    await expectState(harness, node, 'alive')
    const view = harness.engine.services().find((s) => s.instance === node.instance)
    expect(view).toMatchObject({
      service: node.name,
      host: NODE_HOST,
      expectedIntervalMs: 1_000,
      intervalOrigin: 'declared',
      staleAfterMs: 1_500,
      deadAfterMs: 3_000,
    })
    expect(view?.payload).toMatchObject({ sw_ident: 'py-celery', pid: node.process.pid })

    node.process.signal('SIGKILL')
    await node.process.exited
    await expectState(harness, node, 'dead', 10_000)
    expect(statesOf(harness, node)).toEqual(['alive', 'stale', 'dead'])
    const stale = harness.transitions.find((t) => t.instance === node.instance && t.to === 'stale')
    const dead = harness.transitions.find((t) => t.instance === node.instance && t.to === 'dead')
    expect((dead?.receivedAtMs ?? 0) - (stale?.receivedAtMs ?? 0)).toBeGreaterThanOrEqual(1_400)
  })

  it('takes worker-offline from a warm shutdown as a goodbye: stopped, no alarm', async () => {
    const harness = watchCelery(`celery+redis://127.0.0.1:${redis.port}/0`)
    await harness.waitForSource('connected')
    const node = startNode(uniqueName('w'), redis.url)
    await expectState(harness, node, 'alive')

    node.process.signal('SIGTERM')
    await expectState(harness, node, 'stopped', 10_000)
    await node.process.exited
    expect(statesOf(harness, node)).toEqual(['alive', 'stopped'])
    expect(harness.engine.services().find((s) => s.instance === node.instance)?.reported).toBe('offline')
  })

  it('sees a restarted node (same name, new pid) as a new instance of the same service', async () => {
    const harness = watchCelery(`celery+redis://127.0.0.1:${redis.port}/0`)
    await harness.waitForSource('connected')
    const name = uniqueName('w')
    const first = startNode(name, redis.url)
    await expectState(harness, first, 'alive')
    first.process.signal('SIGKILL')
    await first.process.exited

    const second = startNode(name, redis.url)
    await expectState(harness, second, 'alive')
    expect(second.instance).not.toBe(first.instance)
    // The old one stays silent: it ages, or issue 8's replacement retires it; it never comes back.
    await waitFor(
      () => ['stale', 'dead', 'gone'].includes(harness.stateOf(name, first.instance) ?? ''),
      10_000,
      'the old instance to leave alive',
    )
    expect(harness.engine.services().filter((s) => s.service === name)).toHaveLength(2)
  })

  it('counts malformed messages on the event channel and keeps watching', async () => {
    const harness = watchCelery(`celery+redis://127.0.0.1:${redis.port}/0`)
    await harness.waitForSource('connected')
    const node = startNode(uniqueName('w'), redis.url)
    await expectState(harness, node, 'alive')
    const publisher = new Redis(redis.port, '127.0.0.1')
    cleanups.push(() => publisher.disconnect())
    await publisher.publish('/0.celeryev/worker.heartbeat', '{"body": ')
    await publisher.publish(
      '/0.celeryev/worker.heartbeat',
      '{"body": "%%%", "properties": {"body_encoding": "base64"}}',
    )
    await publisher.publish('/0.celeryev/worker.heartbeat', '{"hostname": "x@y", "type": "task-started"}')
    await waitFor(() => harness.engine.sourceViews()[0]?.rejected === 3, 5_000, 'three rejections')
    const source = harness.engine.sourceViews()[0]
    expect(source?.lastRejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^bad JSON/),
      'envelope body is not base64 of UTF-8 text',
      'not a worker event: "task-started"',
    ])
    // Its heartbeats keep coming through.
    const before = harness.engine.services().find((s) => s.instance === node.instance)?.heartbeats ?? 0
    await waitFor(
      () => (harness.engine.services().find((s) => s.instance === node.instance)?.heartbeats ?? 0) > before,
      5_000,
      'another heartbeat',
    )
    expect(harness.stateOf(node.name, node.instance)).toBe('alive')
  })
})

describe('Celery over RabbitMQ', () => {
  let admin: ChannelModel
  beforeAll(async () => {
    admin = await connect(BROKER_AMQP)
  })
  afterAll(async () => {
    await admin?.close()
  })

  it('binds its own queue to the event exchange: alive on heartbeats, stopped on worker-offline', async () => {
    const exchange = uniqueName('hbtest-celeryev')
    const name = uniqueName('w')
    cleanups.push(async () => {
      const channel = await admin.createChannel()
      await channel.deleteExchange(exchange)
      await channel.deleteQueue(`${name}-tasks`)
      await channel.deleteExchange(`${name}-tasks`)
      await channel.close()
    })
    const harness = watchCelery(`celery+amqp://guest:guest@127.0.0.1:5672//?exchange=${exchange}`)
    // Watching first: we declare the exchange as Celery does, so the worker's own declaration agrees.
    await harness.waitForSource('connected')
    const node = startNode(name, 'amqp://guest:guest@127.0.0.1:5672//', { HB_EVENT_EXCHANGE: exchange })
    await expectState(harness, node, 'alive', 15_000)
    expect(harness.engine.services().find((s) => s.instance === node.instance)).toMatchObject({
      host: NODE_HOST,
      expectedIntervalMs: 1_000,
    })

    // Task events share the exchange but not our binding; a malformed worker event is counted.
    const channel = await admin.createChannel()
    channel.publish(exchange, 'task.received', Buffer.from('{"type": "task-received"}'))
    channel.publish(exchange, 'worker.heartbeat', Buffer.from('{"type": "worker-heartbeat"}'))
    await channel.close()
    await waitFor(() => harness.engine.sourceViews()[0]?.rejected === 1, 5_000, 'one rejection')
    expect(harness.engine.sourceViews()[0]?.lastRejections[0]?.reason).toBe(
      'hostname must be a string, got undefined',
    )

    node.process.signal('SIGTERM')
    await expectState(harness, node, 'stopped', 10_000)
    await node.process.exited
    expect(statesOf(harness, node)).toEqual(['alive', 'stopped'])
    expect(harness.engine.sourceViews()[0]?.rejected).toBe(1)
  })
})
