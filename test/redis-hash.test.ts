/**
 * The Redis hash source against the real Redis: seed 000's `workers` hash, written the way its manager
 * writes it, polled through the whole engine.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceView } from '../src/shared/model'
import { watch, type Harness } from './support/engine-harness'
import { startPrivateRedis, type PrivateRedis } from './support/redis-server'
import { pythonJsonDumps, pythonNow, Seed000Manager, type Seed000Worker } from './support/seed000-manager'
import { uniqueName, waitFor } from './support/wait'

const SHARED_REDIS = '127.0.0.1:6379'
/** Polls every 100 ms; instances expected every 300 ms: stale after 450 ms, dead after 900 ms. */
const FAST = 'every=100ms&interval=300ms'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface Setup {
  key: string
  redis: Redis
  manager: Seed000Manager
  watchHash(params?: string): Harness
}

function setup(server = SHARED_REDIS): Setup {
  const key = uniqueName('hbhash')
  const redis = new Redis(`redis://${server}/0`, { maxRetriesPerRequest: 1 })
  redis.on('error', () => undefined)
  cleanups.push(async () => {
    await redis.del(key).catch(() => undefined)
    redis.disconnect()
  })
  return {
    key,
    redis,
    manager: new Seed000Manager(redis, key),
    watchHash: (params = FAST) => {
      const harness = watch(`redis+hash://${server}/0?key=${key}&${params}`)
      cleanups.push(() => harness.stop())
      return harness
    },
  }
}

function newWorker(): Seed000Worker {
  return { worker_id: randomUUID(), worker_name: uniqueName('worker'), host: '172.18.0.4', port: 8001 }
}

function viewOf(harness: Harness, worker: Seed000Worker): ServiceView | undefined {
  return harness.engine.services().find((view) => view.instance === worker.worker_id)
}

function statesOf(harness: Harness, worker: Seed000Worker): string[] {
  return harness.transitions.filter((t) => t.instance === worker.worker_id).map((t) => t.to)
}

function waitForWorker(
  harness: Harness,
  worker: Seed000Worker,
  state: string,
  timeoutMs = 5_000,
): Promise<void> {
  return harness.waitForState(worker.worker_name, state, timeoutMs, worker.worker_id)
}

describe('Redis hash source (seed 000 workers)', () => {
  it('makes a beating worker alive; left disconnected with a frozen last_heartbeat (kill -9), stale then dead', async () => {
    const { manager, watchHash } = setup()
    const harness = watchHash()
    await harness.waitForSource('connected')
    const worker = newWorker()
    await manager.register(worker)
    await manager.setStatus(worker.worker_id, 'connected')
    await waitForWorker(harness, worker, 'alive')
    for (let beat = 0; beat < 2; beat++) {
      await sleep(200)
      await manager.heartbeat(worker.worker_id)
    }
    await waitFor(() => viewOf(harness, worker)?.heartbeats === 3, 5_000, 'three heartbeats')
    expect(viewOf(harness, worker)).toMatchObject({
      service: worker.worker_name,
      host: '172.18.0.4:8001',
      reported: 'alive',
      state: 'alive',
      staleAfterMs: 450,
      deadAfterMs: 900,
    })

    // The manager writes `disconnected` within 0.5 s of a kill -9, and never touches the record again.
    await manager.setStatus(worker.worker_id, 'disconnected')
    await waitFor(() => viewOf(harness, worker)?.reported === 'disconnected', 5_000, 'disconnected reported')
    await waitForWorker(harness, worker, 'dead')
    expect(statesOf(harness, worker)).toEqual(['alive', 'stale', 'dead'])
    expect(viewOf(harness, worker)?.heartbeats).toBe(3)
  })

  it('makes a hung worker (frozen last_heartbeat, then not_responding) stale then dead', async () => {
    const { manager, watchHash } = setup()
    const harness = watchHash()
    await harness.waitForSource('connected')
    const worker = newWorker()
    await manager.register(worker)
    await manager.setStatus(worker.worker_id, 'connected')
    await sleep(200)
    await manager.heartbeat(worker.worker_id)
    await waitForWorker(harness, worker, 'alive')

    await waitForWorker(harness, worker, 'stale')
    // The manager's checker writes not_responding some time after the last frame; it is not a beat.
    await manager.setStatus(worker.worker_id, 'not_responding')
    await waitForWorker(harness, worker, 'dead')
    expect(statesOf(harness, worker)).toEqual(['alive', 'stale', 'dead'])
    expect(viewOf(harness, worker)?.reported).toBe('not_responding')
  })

  it('keeps the status as reported health only: not_responding with a moving last_heartbeat is alive', async () => {
    const { key, redis, watchHash } = setup()
    const harness = watchHash()
    await harness.waitForSource('connected')
    const worker = newWorker()
    for (let beat = 0; beat < 3; beat++) {
      const record = { ...worker, status: 'not_responding', last_heartbeat: pythonNow() }
      await redis.hset(key, worker.worker_id, pythonJsonDumps(record))
      await sleep(200)
    }
    await waitFor(() => viewOf(harness, worker)?.heartbeats === 3, 5_000, 'three heartbeats')
    expect(viewOf(harness, worker)).toMatchObject({ state: 'alive', reported: 'not_responding' })
    expect(statesOf(harness, worker)).toEqual(['alive'])
  })

  it('never calls a worker alive from the first scan: unknown, then stale, then dead on an old last_heartbeat', async () => {
    const { manager, watchHash } = setup()
    const killed = newWorker()
    const running = newWorker()
    const anHourAgo = new Date(Date.now() - 3_600_000)
    await manager.register(killed, 'registering', anHourAgo)
    await manager.setStatus(killed.worker_id, 'disconnected')
    await manager.register(running, 'registering', anHourAgo)
    await manager.heartbeat(running.worker_id)

    const harness = watchHash()
    await harness.waitForSource('connected')
    await waitFor(() => viewOf(harness, running) !== undefined, 5_000, 'first scan')
    expect(viewOf(harness, killed)).toMatchObject({ state: 'unknown', reported: 'disconnected' })
    expect(viewOf(harness, running)).toMatchObject({ state: 'unknown', reported: 'alive' })

    // The running one beats after the first scan: that is news. The killed one ages from the scan.
    await manager.heartbeat(running.worker_id)
    await waitForWorker(harness, running, 'alive')
    await waitForWorker(harness, killed, 'dead')
    expect(statesOf(harness, killed)).toEqual(['stale', 'dead'])
    expect(harness.transitions.find((t) => t.instance === killed.worker_id)?.from).toBe('unknown')
    expect(statesOf(harness, running)[0]).toBe('alive')
  })

  it('makes a worker whose field is deleted gone, not stopped, and does not age it afterwards', async () => {
    const { key, redis, manager, watchHash } = setup()
    const harness = watchHash()
    await harness.waitForSource('connected')
    const worker = newWorker()
    await manager.register(worker)
    await waitForWorker(harness, worker, 'alive')

    await redis.hdel(key, worker.worker_id)
    await waitForWorker(harness, worker, 'gone')
    await sleep(1_000) // past the 900 ms dead threshold
    expect(statesOf(harness, worker)).toEqual(['alive', 'gone'])
    expect(harness.transitions.at(-1)?.reason).toBe('removed from its registry')
  })

  it('reads every field of a hash past one HSCAN page (1,500 workers)', async () => {
    const { key, redis, manager, watchHash } = setup()
    const workers = Array.from({ length: 1_500 }, newWorker)
    const fields: Record<string, string> = {}
    for (const worker of workers) {
      fields[worker.worker_id] = pythonJsonDumps({ ...worker, status: 'alive', last_heartbeat: pythonNow() })
    }
    await redis.hset(key, fields)

    const harness = watchHash('every=100ms&interval=5s')
    await waitFor(() => harness.engine.services().length === 1_500, 10_000, '1,500 workers')
    const source = harness.engine.sourceViews()[0]
    expect(source?.details.fields).toBe(1_500)
    expect(source?.received).toBe(1_500)
    expect(source?.rejected).toBe(0)
    expect(new Set(harness.engine.services().map((view) => view.instance))).toEqual(
      new Set(workers.map((worker) => worker.worker_id)),
    )

    // One beat among 1,500: only that record is handed over again.
    const last = workers.at(-1) as Seed000Worker
    await manager.heartbeat(last.worker_id)
    await waitForWorker(harness, last, 'alive')
    expect(harness.engine.sourceViews()[0]?.received).toBe(1_501)
  })

  it('counts malformed field values once each, without disturbing the other workers', async () => {
    const { key, redis, manager, watchHash } = setup()
    const harness = watchHash()
    await harness.waitForSource('connected')
    const worker = newWorker()
    await manager.register(worker)
    await redis.hset(key, {
      'bad-json': '{"worker_id": ',
      'not-an-object': '["w1"]',
      'no-id': '{"worker_name": "orphan", "status": "alive"}',
      'wrong-type': '{"worker_id": "w2", "port": {"n": 1}}',
    })
    await waitFor(() => harness.engine.sourceViews()[0]?.rejected === 4, 5_000, 'four rejections')
    await sleep(300) // three more polls: unchanged values are not news again
    const source = harness.engine.sourceViews()[0]
    expect(source?.rejected).toBe(4)
    expect(source?.received).toBe(5)
    expect(source?.lastRejections.map((r) => r.reason).sort()).toEqual([
      expect.stringMatching(/^bad JSON/),
      'message is not a JSON object',
      'missing worker_id',
      'port must be a number, got object',
    ])
    expect(harness.engine.services().map((view) => view.instance)).toEqual([worker.worker_id])
    expect(viewOf(harness, worker)?.state).toBe('alive')

    // A malformed value that changes is news again, and is counted again.
    await redis.hset(key, 'no-id', '{"worker_name": "orphan", "status": "disconnected"}')
    await waitFor(() => harness.engine.sourceViews()[0]?.rejected === 5, 5_000, 'a fifth rejection')
  })

  it('reports a key of the wrong type as a disconnected source, and recovers when it is a hash', async () => {
    const { key, redis, manager, watchHash } = setup()
    await redis.set(key, 'not a hash')
    const harness = watchHash()
    await harness.waitForSource('disconnected')
    expect(harness.engine.sourceViews()[0]?.lastError).toMatch(/^reading hash ".*" failed: WRONGTYPE/)

    await redis.del(key)
    const worker = newWorker()
    await manager.register(worker)
    await harness.waitForSource('connected')
    await waitForWorker(harness, worker, 'unknown') // first read after the failure: old news
  })

  describe('outages (a private redis-server)', () => {
    let server: PrivateRedis | undefined
    afterEach(async () => {
      await server?.stop()
      server = undefined
    })

    it('makes workers unknown, never stale or dead, while its Redis is down, and reads them again after', async () => {
      server = await startPrivateRedis()
      const address = `127.0.0.1:${server.port}`
      const { manager, watchHash } = setup(address)
      const harness = watchHash()
      await harness.waitForSource('connected')
      const worker = newWorker()
      await manager.register(worker)
      await waitForWorker(harness, worker, 'alive')

      await server.stop()
      await harness.waitForSource('disconnected')
      expect(harness.engine.sourceViews()[0]?.lastError).toBeTruthy()
      expect(viewOf(harness, worker)?.state).toBe('unknown')
      await sleep(1_200) // past the 900 ms dead threshold

      // The restarted server lost the hash (no persistence); the manager's worker registers again.
      await server.start()
      await waitFor(
        () =>
          manager.register(worker).then(
            () => true,
            () => false,
          ),
        5_000,
        'the worker registered again',
      )
      await harness.waitForSource('connected', 15_000)
      await waitForWorker(harness, worker, 'alive')
      const states = statesOf(harness, worker)
      expect(states.slice(0, 2)).toEqual(['alive', 'unknown'])
      expect(states.at(-1)).toBe('alive')
      expect(states).not.toContain('stale')
      expect(states).not.toContain('dead')
    })

    it('drops a connection whose reads hang, so workers become unknown rather than dead', async () => {
      server = await startPrivateRedis()
      const { redis, manager, watchHash } = setup(`127.0.0.1:${server.port}`)
      // Stale only after 6 s: past the 5 s command timeout, so unknown must come first.
      const harness = watchHash('every=100ms&interval=4s')
      await harness.waitForSource('connected')
      const worker = newWorker()
      await manager.register(worker)
      await waitForWorker(harness, worker, 'alive')

      // The server stops answering while the connection stays open, as after a silent network drop.
      await redis.call('CLIENT', 'PAUSE', '6500', 'ALL')
      await harness.waitForSource('disconnected', 8_000)
      expect(harness.engine.sourceViews()[0]?.lastError).toMatch(/Command timed out/)
      expect(viewOf(harness, worker)?.state).toBe('unknown')
      await harness.waitForSource('connected', 15_000)
      expect(statesOf(harness, worker)).toEqual(['alive', 'unknown'])
    })

    it('stops promptly while its Redis is down', async () => {
      server = await startPrivateRedis()
      const { watchHash } = setup(`127.0.0.1:${server.port}`)
      const harness = watchHash()
      await harness.waitForSource('connected')
      await server.stop()
      await harness.waitForSource('disconnected')
      const startedMs = performance.now()
      await harness.stop()
      expect(performance.now() - startedMs).toBeLessThan(1_000)
    })
  })
})
