/**
 * Sidekiq's process registry from real Sidekiq processes (Debian's ruby-sidekiq 6.4.1), through the
 * whole engine. Each test has its own database of a private redis-server: `processes` is one fixed key
 * per database. Sidekiq 6 beats every 5 s, a constant: stale after 7.5 s, dead after 15 s.
 */
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceView } from '../src/shared/model'
import { watch, type Harness } from './support/engine-harness'
import { startPrivateRedis, type PrivateRedis } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'
import { appDir, WorkerProcesses, type WorkerProcess } from './support/worker-processes'

const SIDEKIQ = '/usr/bin/sidekiq'
const APP = `
require "sidekiq"

class NoopJob
  include Sidekiq::Worker
  def perform; end
end
`

const workers = new WorkerProcesses()
const cleanups: (() => Promise<unknown> | void)[] = []
let redis: PrivateRedis
let app: { path: string; remove(): Promise<void> }
let nextDb = 1

beforeAll(async () => {
  redis = await startPrivateRedis()
  app = await appDir('hbsidekiq', { 'app.rb': APP })
})
afterAll(async () => {
  await redis?.stop()
  await app?.remove()
})
afterEach(async () => {
  await workers.killAll()
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Setup {
  harness: Harness
  redis: Redis
  startProcess(tag: string): WorkerProcess
}

async function setup(params = ''): Promise<Setup> {
  const db = nextDb++
  const client = new Redis({ port: redis.port, host: '127.0.0.1', db })
  cleanups.push(() => client.disconnect())
  const harness = watch(`sidekiq://127.0.0.1:${redis.port}/${db}?every=250ms${params}`)
  cleanups.push(() => harness.stop())
  await harness.waitForSource('connected')
  return {
    harness,
    redis: client,
    startProcess: (tag) =>
      workers.start(SIDEKIQ, ['-r', './app.rb', '-q', uniqueName('q'), '-c', '1', '-g', tag, '-t', '1'], {
        cwd: app.path,
        env: { REDIS_URL: `redis://127.0.0.1:${redis.port}/${db}` },
      }),
  }
}

function viewOfPid(harness: Harness, worker: WorkerProcess): ServiceView | undefined {
  return harness.engine
    .services()
    .find((view) => (view.payload.info as { pid?: number } | undefined)?.pid === worker.pid)
}

async function waitForProcess(harness: Harness, worker: WorkerProcess, state: string, timeoutMs = 15_000) {
  try {
    await waitFor(
      () => viewOfPid(harness, worker)?.state === state,
      timeoutMs,
      `process ${worker.pid} to be ${state}`,
    )
  } catch (error) {
    const seen = harness.engine.services().map((view) => `${view.instance}=${view.state}`)
    throw new Error(
      `${(error as Error).message}; instances: ${seen.join(', ')}; sidekiq said:\n${worker.output()}`,
      { cause: error },
    )
  }
  return viewOfPid(harness, worker) as ServiceView
}

function statesOf(harness: Harness, instance: string): string[] {
  return harness.transitions.filter((t) => t.instance === instance).map((t) => t.to)
}

describe('Sidekiq process registry', () => {
  it('a killed process goes stale then dead on its frozen beat, and gone once its hash expires', async () => {
    const { harness, redis: client, startProcess } = await setup()
    const tag = uniqueName('billing')
    const worker = startProcess(tag)
    const view = await waitForProcess(harness, worker, 'alive')
    expect(view).toMatchObject({
      service: tag,
      reported: 'busy 0/1',
      expectedIntervalMs: 5_000,
      intervalOrigin: 'declared',
      staleAfterMs: 7_500,
      deadAfterMs: 15_000,
    })
    expect(view.instance).toMatch(new RegExp(`:${worker.pid}:[0-9a-f]+$`))
    expect(view.host).toBe(view.instance.split(':')[0])

    worker.signal('SIGKILL')
    await worker.exited
    // It stays in `processes` with its last beat until the hash expires.
    await waitForProcess(harness, worker, 'dead', 20_000)
    expect(statesOf(harness, view.instance)).toEqual(['alive', 'stale', 'dead'])

    // Its hash would expire 60 s after the last beat; bring that forward.
    await client.pexpire(view.instance, 1)
    await waitForProcess(harness, worker, 'gone', 5_000)
    expect(statesOf(harness, view.instance)).toEqual(['alive', 'stale', 'dead', 'gone'])
  })

  it('sees a process restarted under the same tag as a new instance of the same service', async () => {
    const { harness, startProcess } = await setup()
    const tag = uniqueName('billing')
    const first = startProcess(tag)
    const old = await waitForProcess(harness, first, 'alive')
    first.signal('SIGKILL')
    await first.exited

    const second = startProcess(tag)
    const restarted = await waitForProcess(harness, second, 'alive')
    expect(restarted.service).toBe(tag)
    expect(restarted.instance).not.toBe(old.instance)
    // The old one stays silent: it ages, or issue 8's replacement retires it; it never comes back.
    await waitFor(
      () => ['stale', 'dead', 'gone'].includes(viewOfPid(harness, first)?.state ?? ''),
      15_000,
      'the old instance to leave alive',
    )
    expect(harness.stateOf(tag, restarted.instance)).toBe('alive')
  })

  it('takes a clean stop (removed from processes at once) as stopped', async () => {
    const { harness, startProcess } = await setup()
    const tag = uniqueName('mailer')
    const worker = startProcess(tag)
    const view = await waitForProcess(harness, worker, 'alive')

    worker.signal('SIGTERM')
    await waitForProcess(harness, worker, 'stopped', 10_000)
    await worker.exited
    // Shutting down, it may beat once more as `quiet` first.
    expect(statesOf(harness, view.instance)).toEqual(['alive', 'stopped'])
    expect(harness.transitions.find((t) => t.instance === view.instance && t.to === 'stopped')?.reason).toBe(
      'removed by its own clean stop',
    )
  })

  it('reads a namespaced registry and counts malformed records in it', async () => {
    const { harness, redis: client } = await setup('&namespace=myapp')
    const beat = String(Date.now() / 1000)
    // A record as Sidekiq 6.4.1 writes it (captured), under redis-namespace's prefix.
    const identity = `vm:${process.pid}:0a1b2c3d4e5f`
    await client.hset(`myapp:${identity}`, {
      info: JSON.stringify({
        hostname: 'vm',
        started_at: Number(beat),
        pid: process.pid,
        tag: 'reports',
        concurrency: 10,
        queues: ['default'],
        labels: [],
        identity,
      }),
      busy: '3',
      quiet: 'false',
      rss: '29788',
      beat,
      rtt_us: '3183',
    })
    await client.hset('myapp:vm:1:broken', { busy: '0', beat, info: '{"hostname": ' })
    await client.set('myapp:vm:2:not-a-hash', 'x')
    await client.sadd('myapp:processes', identity, 'vm:1:broken', 'vm:2:not-a-hash')
    await harness.waitForState('reports', 'alive', 5_000, identity)
    expect(harness.engine.services().find((view) => view.instance === identity)?.reported).toBe('busy 3/10')
    await waitFor(() => harness.engine.sourceViews()[0]?.rejected === 2, 5_000, 'two rejections')
    expect(harness.engine.sourceViews()[0]?.lastRejections.map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^vm:1:broken: info: bad JSON/),
        expect.stringMatching(/^reading vm:2:not-a-hash: WRONGTYPE/),
      ]),
    )
    // The same records read again: nothing new to count.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(harness.engine.sourceViews()[0]?.rejected).toBe(2)
  })
})
