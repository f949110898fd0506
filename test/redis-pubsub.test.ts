/** The Redis pub/sub source against the real Redis: seed 001 heartbeats through the whole engine. */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { watch, type Harness } from './support/engine-harness'
import { startPrivateRedis, type PrivateRedis } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'

const SHARED_REDIS = 'redis://127.0.0.1:6379/0'
const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function seed001(service: string, instance: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    service_name: service,
    instance_id: instance,
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    uptime_seconds: 1.5,
    heartbeat_count: 1,
    memory_usage_mb: 156.3,
    cpu_usage_percent: 12.5,
    ...extra,
  })
}

function setup(redisUrl = SHARED_REDIS): { prefix: string; harness: Harness; publisher: Redis } {
  const prefix = uniqueName('hbtest')
  const harness = watch(`${redisUrl}?pattern=${prefix}:heartbeat:service:*`)
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  publisher.on('error', () => undefined)
  cleanups.push(
    () => harness.stop(),
    () => publisher.disconnect(),
  )
  return { prefix, harness, publisher }
}

describe('Redis pub/sub source', () => {
  it('makes a publishing service alive, stale at 1.5× and dead at 3× its interval, alive again on a heartbeat', async () => {
    const { prefix, harness, publisher } = setup()
    await harness.waitForSource('connected')
    const channel = `${prefix}:heartbeat:service:geo`
    await publisher.publish(channel, seed001('geo', 'i1', { interval_seconds: 0.4 }))
    await harness.waitForState('geo', 'alive', 5_000, 'i1')
    const atOf = (to: string): number =>
      Date.parse(harness.transitions.find((t) => t.to === to)?.at as string)

    await harness.waitForState('geo', 'dead', 5_000, 'i1')
    // Never before 1.5× and 3× the 400 ms interval (the engine's own clock; 1 ms of wall-clock rounding),
    // and stale before dead; how soon after each deadline is the detect bench's business.
    expect(atOf('stale') - atOf('alive')).toBeGreaterThanOrEqual(599)
    expect(atOf('stale') - atOf('alive')).toBeLessThan(1_200)
    expect(atOf('dead') - atOf('alive')).toBeGreaterThanOrEqual(1_199)

    await publisher.publish(channel, seed001('geo', 'i1', { interval_seconds: 0.4 }))
    await harness.waitForState('geo', 'alive', 5_000, 'i1')
    expect(harness.transitions.map((t) => t.to)).toEqual(['alive', 'stale', 'dead', 'alive'])
    const view = harness.engine.services().find((s) => s.instance === 'i1')
    expect(view).toMatchObject({
      service: 'geo',
      expectedIntervalMs: 400,
      staleAfterMs: 600,
      deadAfterMs: 1_200,
      intervalOrigin: 'declared',
    })
    expect(view?.payload.memory_usage_mb).toBe(156.3)
  })

  it('listens to both seed 001 channel families by default', async () => {
    const prefix = uniqueName('hbdefault')
    const harness = watch(SHARED_REDIS)
    const publisher = new Redis(SHARED_REDIS)
    cleanups.push(
      () => harness.stop(),
      () => publisher.disconnect(),
    )
    await harness.waitForSource('connected')
    await publisher.publish(`heartbeat:service:${prefix}-a`, seed001(`${prefix}-a`, 'x'))
    await publisher.publish(`health:service:${prefix}-b:heartbeat`, seed001(`${prefix}-b`, 'y'))
    await harness.waitForState(`${prefix}-a`, 'alive', 5_000, 'x')
    await harness.waitForState(`${prefix}-b`, 'alive', 5_000, 'y')
  })

  it('counts a malformed message, keeps the last rejections, and does not disturb other services', async () => {
    const { prefix, harness, publisher } = setup()
    await harness.waitForSource('connected')
    const channel = `${prefix}:heartbeat:service:billing`
    await publisher.publish(channel, seed001('billing', 'b1'))
    await harness.waitForState('billing', 'alive', 5_000, 'b1')
    await publisher.publish(channel, '{"service_name": "billing", "instance_id": ')
    await publisher.publish(channel, '{"service_name": 42}')
    await publisher.publish(channel, seed001('billing', 'b1'))
    await waitFor(() => harness.engine.sourceViews()[0]?.received === 4, 5_000, 'four messages')
    const source = harness.engine.sourceViews()[0]
    expect(source?.rejected).toBe(2)
    expect(source?.lastRejections.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^bad JSON/),
      'service_name must be a string, got number',
    ])
    expect(source?.lastRejections[1]?.sample).toBe('{"service_name": 42}')
    expect(harness.stateOf('billing', 'b1')).toBe('alive')
    expect(harness.engine.services()).toHaveLength(1)
  })

  describe('outages (a private redis-server)', () => {
    let redis: PrivateRedis
    afterEach(async () => {
      await redis?.stop()
    })

    it('makes services unknown, never dead, when its connection is killed, and alive again after reconnect', async () => {
      redis = await startPrivateRedis()
      const { prefix, harness, publisher } = setup(redis.url)
      await harness.waitForSource('connected')
      const channel = `${prefix}:heartbeat:service:tracker`
      await publisher.publish(channel, seed001('tracker', 't1', { interval_seconds: 0.3 }))
      await harness.waitForState('tracker', 'alive', 5_000, 't1')

      await publisher.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
      await harness.waitForState('tracker', 'unknown', 5_000, 't1')
      await harness.waitForSource('connected', 10_000)
      // Back and subscribed: a heartbeat brings it back to alive.
      await publisher.publish(channel, seed001('tracker', 't1', { interval_seconds: 0.3 }))
      await harness.waitForState('tracker', 'alive', 5_000, 't1')
      expect(harness.transitions.map((t) => t.to)).toEqual(['alive', 'unknown', 'alive'])
    })

    it('says the source is disconnected during a server outage, with no dead service, then grants grace', async () => {
      redis = await startPrivateRedis()
      const { prefix, harness, publisher } = setup(redis.url)
      await harness.waitForSource('connected')
      const channel = `${prefix}:heartbeat:service:tracker`
      await publisher.publish(channel, seed001('tracker', 't1', { interval_seconds: 0.2 }))
      await harness.waitForState('tracker', 'alive', 5_000, 't1')

      await redis.stop()
      await harness.waitForSource('disconnected')
      expect(harness.engine.sourceViews()[0]?.lastError).toBeTruthy()
      expect(harness.stateOf('tracker', 't1')).toBe('unknown')
      await new Promise((resolve) => setTimeout(resolve, 1_000)) // far past the 600 ms dead threshold
      expect(harness.transitions.some((t) => t.to === 'dead' || t.to === 'stale')).toBe(false)

      await redis.start()
      await harness.waitForSource('connected', 15_000)
      const reconnectedAt = performance.now()
      // No heartbeat comes: one full stale interval (300 ms) of grace, then stale, then dead.
      await harness.waitForState('tracker', 'dead', 5_000, 't1')
      const stale = harness.transitions.find((t) => t.to === 'stale')
      expect(stale && stale.receivedAtMs - reconnectedAt).toBeGreaterThanOrEqual(250)
      expect(harness.transitions.map((t) => t.to)).toEqual(['alive', 'unknown', 'stale', 'dead'])
    })
  })
})
