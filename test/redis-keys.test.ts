/**
 * The Redis keys source against the real Redis, profile pipeline-heartbeat: the plain string keys that
 * seed 002's subscriber writes (`service:{name}:{ok|not_ok}`, `queue:{name}:{ok|not_ok}`, value the
 * component's timestamp, no TTL), polled through the whole engine.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceView } from '../src/shared/model'
import { watch, type Harness } from './support/engine-harness'
import { uniqueName, waitFor } from './support/wait'

/** Polls every 100 ms; components expected every 300 ms: stale after 450 ms, dead after 900 ms. */
const URL = 'redis+keys://127.0.0.1:6379/0?profile=pipeline-heartbeat&every=100ms&interval=300ms'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Seed 002's component timestamps (`%Y-%m-%d %H:%M:%S UTC`) have whole seconds; each write here moves
 * them a second on, the way a publisher beating every 60 s moves them a minute.
 */
/** A component timestamp as seed 002 writes it, `step` seconds after an hour ago (within the gone retention). */
const BASE_MS = Date.now() - 3_600_000
function componentTime(step: number, baseMs = BASE_MS): string {
  return `${new Date(baseMs + step * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

interface Setup {
  name: string
  redis: Redis
  /** SET as seed 002's subscriber does, remembering the key for cleanup. */
  write(key: string, value: string): Promise<void>
  watchKeys(): Harness
}

function setup(): Setup {
  const name = uniqueName('hbkeys')
  const redis = new Redis('redis://127.0.0.1:6379/0', { maxRetriesPerRequest: 1 })
  const written = new Set<string>()
  cleanups.push(async () => {
    if (written.size > 0) await redis.del(...written)
    redis.disconnect()
  })
  return {
    name,
    redis,
    write: async (key, value) => {
      written.add(key)
      await redis.set(key, value)
    },
    watchKeys: () => {
      const harness = watch(URL)
      cleanups.push(() => harness.stop())
      return harness
    },
  }
}

function viewOf(harness: Harness, service: string, instance: string): ServiceView | undefined {
  return harness.engine.services().find((view) => view.service === service && view.instance === instance)
}

function statesOf(harness: Harness, service: string): string[] {
  return harness.transitions.filter((t) => t.service === service).map((t) => t.to)
}

describe('Redis keys source (seed 002 subscriber keys)', () => {
  it('makes a component alive while its timestamp moves, the newer of ok and not_ok its status, then stale and dead', async () => {
    const { name, write, watchKeys } = setup()
    const harness = watchKeys()
    await harness.waitForSource('connected')
    await write(`service:${name}:ok`, componentTime(0))
    await harness.waitForState(name, 'alive')
    expect(viewOf(harness, name, name)?.reported).toBe('ok')

    await write(`service:${name}:not_ok`, componentTime(1))
    await waitFor(() => viewOf(harness, name, name)?.reported === 'not_ok', 5_000, 'not_ok reported')
    await write(`service:${name}:ok`, componentTime(2))
    await waitFor(() => viewOf(harness, name, name)?.reported === 'ok', 5_000, 'ok reported again')
    expect(viewOf(harness, name, name)).toMatchObject({
      heartbeats: 3,
      state: 'alive',
      payload: { ok: componentTime(2), not_ok: componentTime(1) },
    })

    await harness.waitForState(name, 'dead')
    expect(statesOf(harness, name)).toEqual(['alive', 'stale', 'dead'])
  })

  it('reads names with colons, and lists a queue as the service queue:{name}', async () => {
    const { name, write, watchKeys } = setup()
    const harness = watchKeys()
    await harness.waitForSource('connected')
    await write(`service:${name}:db:5432:not_ok`, componentTime(0))
    await write(`queue:${name}-inbox:ok`, componentTime(0))
    await harness.waitForState(`${name}:db:5432`, 'alive')
    await harness.waitForState(`queue:${name}-inbox`, 'alive', 5_000, `${name}-inbox`)
    expect(viewOf(harness, `${name}:db:5432`, `${name}:db:5432`)?.reported).toBe('not_ok')
    expect(viewOf(harness, `queue:${name}-inbox`, `${name}-inbox`)?.reported).toBe('ok')
  })

  it('keeps a component while one of its keys is left, and makes it gone when both vanish', async () => {
    const { name, redis, write, watchKeys } = setup()
    const harness = watchKeys()
    await harness.waitForSource('connected')
    await write(`service:${name}:not_ok`, componentTime(0))
    await write(`service:${name}:ok`, componentTime(1))
    await waitFor(() => viewOf(harness, name, name)?.payload.not_ok === componentTime(0), 5_000, 'both keys')

    await redis.del(`service:${name}:not_ok`)
    await waitFor(() => viewOf(harness, name, name)?.payload.not_ok === null, 5_000, 'one key left')
    expect(viewOf(harness, name, name)).toMatchObject({ state: 'alive', reported: 'ok' })

    await redis.del(`service:${name}:ok`)
    await harness.waitForState(name, 'gone')
    await sleep(1_000) // past the 900 ms dead threshold
    expect(statesOf(harness, name)).toEqual(['alive', 'gone'])
  })

  it('never calls a component alive from the first scan: unknown, then stale and dead', async () => {
    const { name, write, watchKeys } = setup()
    await write(`service:${name}:ok`, componentTime(0))
    const harness = watchKeys()
    await harness.waitForSource('connected')
    await waitFor(() => viewOf(harness, name, name) !== undefined, 5_000, 'first scan')
    expect(viewOf(harness, name, name)?.state).toBe('unknown')
    await harness.waitForState(name, 'dead')
    expect(statesOf(harness, name)).toEqual(['stale', 'dead'])
  })

  it('takes a component last heard from before the gone retention (a day) as gone from the first scan', async () => {
    const { name, write, watchKeys } = setup()
    await write(`service:${name}:ok`, componentTime(0, Date.now() - 3 * 86_400_000))
    const harness = watchKeys()
    await harness.waitForState(name, 'gone')
    expect(statesOf(harness, name)).toEqual(['gone'])
  })

  it('reads every component past one SCAN page and one MGET batch (1,200 queues)', async () => {
    const { name, redis, watchKeys } = setup()
    const keys = Array.from({ length: 1_200 }, (_, i) => `queue:${name}-${i}:ok`)
    cleanups.push(() => redis.del(...keys))
    await redis.mset(Object.fromEntries(keys.map((key) => [key, componentTime(0)])))
    const harness = watchKeys()
    const ours = (): ServiceView[] =>
      harness.engine.services().filter((view) => view.service.startsWith(`queue:${name}-`))
    await waitFor(() => ours().length === 1_200, 10_000, '1,200 queues')
    expect(harness.engine.sourceViews()[0]?.details.components).toBeGreaterThanOrEqual(1_200)
    expect(new Set(ours().map((view) => view.instance)).size).toBe(1_200)
  })

  it('counts a key holding no timestamp, and keys that are not ok/not_ok, without disturbing the others', async () => {
    const { name, write, watchKeys } = setup()
    const harness = watchKeys()
    await harness.waitForSource('connected')
    await write(`service:${name}-bad:ok`, 'running')
    await write(`service:${name}-config`, '{"retries": 3}')
    await write(`service:${name}:ok`, componentTime(0))
    await harness.waitForState(name, 'alive')
    await waitFor(
      () =>
        harness.engine.sourceViews()[0]?.lastRejections.some((r) => r.sample.includes(`${name}-bad`)) ===
        true,
      5_000,
      'the rejection',
    )
    const source = harness.engine.sourceViews()[0]
    expect(source?.lastRejections.find((r) => r.sample.includes(`${name}-bad`))?.reason).toBe(
      `service:${name}-bad:ok holds "running", not a timestamp`,
    )
    expect(source?.details.ignoredKeys).toBeGreaterThanOrEqual(1)
    expect(viewOf(harness, `${name}-bad`, `${name}-bad`)).toBeUndefined()
  })
})
