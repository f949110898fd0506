/**
 * RQ's worker registry from real RQ workers (Debian's python3-rq), through the whole engine. Each test
 * has its own database of a private redis-server: `rq:workers` is one fixed key per database.
 * `--worker-ttl 17` makes an idle worker beat every 2 s (worker_ttl - 15) under a 77 s TTL: the
 * source reads that interval from the TTL, so stale after 3 s and dead after 6 s.
 */
import { hostname } from 'node:os'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ServiceView } from '../src/shared/model'
import { watch, type Harness } from './support/engine-harness'
import { startPrivateRedis, type PrivateRedis } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'
import { WorkerProcesses, type WorkerProcess } from './support/worker-processes'

const RQ = '/usr/bin/rq'
const WORKER_TTL_S = 17
const BEAT_MS = (WORKER_TTL_S - 15) * 1000

const workers = new WorkerProcesses()
const cleanups: (() => Promise<unknown> | void)[] = []
let redis: PrivateRedis
let nextDb = 1

beforeAll(async () => {
  redis = await startPrivateRedis()
})
afterAll(async () => {
  await redis?.stop()
})
afterEach(async () => {
  await workers.killAll()
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Setup {
  db: number
  harness: Harness
  redis: Redis
  startWorker(name?: string): WorkerProcess
}

async function setup(): Promise<Setup> {
  const db = nextDb++
  const client = new Redis({ port: redis.port, host: '127.0.0.1', db })
  cleanups.push(() => client.disconnect())
  const harness = watch(`rq://127.0.0.1:${redis.port}/${db}?every=250ms`)
  cleanups.push(() => harness.stop())
  await harness.waitForSource('connected')
  const queue = uniqueName('q')
  return {
    db,
    harness,
    redis: client,
    startWorker: (name) =>
      workers.start(
        RQ,
        [
          'worker',
          '--url',
          `redis://127.0.0.1:${redis.port}/${db}`,
          '--worker-ttl',
          String(WORKER_TTL_S),
          ...(name ? ['-n', name] : []),
          queue,
        ],
        { cwd: '/tmp' },
      ),
  }
}

/** The instance a worker became: found by its pid, since RQ names it itself unless told. */
function viewOfPid(harness: Harness, worker: WorkerProcess): ServiceView | undefined {
  return harness.engine.services().find((view) => view.payload.pid === String(worker.pid))
}

async function waitForWorker(harness: Harness, worker: WorkerProcess, state: string, timeoutMs = 10_000) {
  try {
    await waitFor(
      () => viewOfPid(harness, worker)?.state === state,
      timeoutMs,
      `worker ${worker.pid} to be ${state}`,
    )
  } catch (error) {
    const seen = harness.engine.services().map((view) => `${view.instance}=${view.state}`)
    throw new Error(
      `${(error as Error).message}; instances: ${seen.join(', ')}; worker said:\n${worker.output()}`,
      { cause: error },
    )
  }
  return viewOfPid(harness, worker) as ServiceView
}

function statesOf(harness: Harness, instance: string): string[] {
  return harness.transitions.filter((t) => t.instance === instance).map((t) => t.to)
}

describe('RQ worker registry', () => {
  it('makes a worker alive with the interval its TTL implies; killed, it goes stale then dead, then gone when its hash expires', async () => {
    const { harness, redis: client, startWorker } = await setup()
    const worker = startWorker()
    const view = await waitForWorker(harness, worker, 'alive')
    // A generated name (uuid4 hex) is grouped under its host.
    expect(view.instance).toMatch(/^[0-9a-f]{32}$/)
    expect(view).toMatchObject({
      service: hostname(),
      host: hostname(),
      reported: 'idle',
      expectedIntervalMs: BEAT_MS,
      intervalOrigin: 'declared',
    })

    worker.signal('SIGKILL')
    await worker.exited
    await waitForWorker(harness, worker, 'dead', 15_000)
    expect(statesOf(harness, view.instance)).toEqual(['alive', 'stale', 'dead'])

    // Its hash would expire 77 s after the last beat; bring that forward.
    await client.pexpire(`rq:worker:${view.instance}`, 1)
    await waitForWorker(harness, worker, 'gone', 5_000)
    expect(statesOf(harness, view.instance)).toEqual(['alive', 'stale', 'dead', 'gone'])
  })

  it('takes a warm shutdown (removed from rq:workers, death written) as stopped', async () => {
    const { harness, startWorker } = await setup()
    const name = uniqueName('mailer')
    const worker = startWorker(name)
    const view = await waitForWorker(harness, worker, 'alive')
    // A name given with -n is the service.
    expect(view).toMatchObject({ service: name, instance: name })

    worker.signal('SIGTERM')
    await waitForWorker(harness, worker, 'stopped', 10_000)
    await worker.exited
    expect(statesOf(harness, name)).toEqual(['alive', 'stopped'])
    const stopped = harness.transitions.find((t) => t.instance === name && t.to === 'stopped')
    expect(stopped?.reason).toBe('removed by its own clean stop')
  })

  it('sees a worker restarted on the same host as a new instance of the same service', async () => {
    const { harness, startWorker } = await setup()
    const first = startWorker()
    const old = await waitForWorker(harness, first, 'alive')
    first.signal('SIGKILL')
    await first.exited

    const second = startWorker()
    const restarted = await waitForWorker(harness, second, 'alive')
    expect(restarted.service).toBe(old.service)
    expect(restarted.instance).not.toBe(old.instance)
    await waitFor(
      () => ['stale', 'dead', 'gone'].includes(viewOfPid(harness, first)?.state ?? ''),
      10_000,
      'the old instance to leave alive',
    )
  })

  it('counts malformed records in the live set and keeps reading the others', async () => {
    const { harness, redis: client, startWorker } = await setup()
    const worker = startWorker()
    await waitForWorker(harness, worker, 'alive')
    await client.hset('rq:worker:broken', { state: 'idle', hostname: 'h' })
    await client.set('rq:worker:not-a-hash', 'x')
    // A member whose hash is gone is not live: no record, no rejection.
    await client.sadd('rq:workers', 'rq:worker:broken', 'rq:worker:not-a-hash', 'rq:worker:expired')
    await waitFor(() => harness.engine.sourceViews()[0]?.rejected === 2, 5_000, 'two rejections')
    const reasons = harness.engine.sourceViews()[0]?.lastRejections.map((r) => r.reason)
    expect(reasons).toEqual(
      expect.arrayContaining([
        'rq:worker:broken: missing last_heartbeat',
        expect.stringMatching(/^reading rq:worker:not-a-hash: WRONGTYPE/),
      ]),
    )
    // Read again every poll, unchanged: counted once.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(harness.engine.sourceViews()[0]?.rejected).toBe(2)
    expect(viewOfPid(harness, worker)?.state).toBe('alive')
  })
})
