import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeSeed001 } from '../main/core/decode/seed001'
import { HeartbeatPublisher, type PublishError } from './heartbeat-publisher'
import { GOODBYE_STATUS } from './seed001-message'
import {
  recordChannel,
  TEST_REDIS_URL,
  uniqueServiceName,
  type ChannelRecorder,
} from './testing/redis-subscriber'
import type { Transport } from './transport'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function publisherOnRealRedis(
  options: { interval?: number; onError?: (error: PublishError) => void } = {},
): Promise<{ publisher: HeartbeatPublisher; channel: ChannelRecorder }> {
  const service = uniqueServiceName('pubtest')
  const channel = await recordChannel(`heartbeat:service:${service}`)
  cleanups.push(() => channel.close())
  const publisher = new HeartbeatPublisher(service, { to: TEST_REDIS_URL, interval: 50, ...options })
  cleanups.push(() => publisher.stop())
  return { publisher, channel }
}

/** A transport that keeps what it is given and takes sendMs to do it: for timing, not for Redis. */
function slowMemoryTransport(sendMs: number) {
  const sendStartsMs: number[] = []
  let inFlight = 0
  let maxInFlight = 0
  const transport: Transport = {
    description: 'memory',
    async send() {
      sendStartsMs.push(performance.now())
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, sendMs))
      inFlight -= 1
    },
    close: async () => {},
  }
  return { transport, sendStartsMs, maxInFlight: () => maxInFlight }
}

describe('HeartbeatPublisher on a real Redis', () => {
  it('publishes at once, then every interval, counting, and says goodbye on stop()', async () => {
    const { publisher, channel } = await publisherOnRealRedis()

    await publisher.start()
    await channel.waitForCount(4)
    await publisher.stop()
    await channel.waitForCount(publisher.sentCount)

    const messages = channel.parsed()
    expect(messages.map((message) => message.heartbeat_count)).toEqual(
      Array.from({ length: messages.length }, (_, index) => index + 1),
    )
    expect(messages.at(-1)).toMatchObject({ status: GOODBYE_STATUS, instance_id: publisher.instanceId })
    expect(messages.slice(0, -1).every((message) => !('status' in message))).toBe(true)
    const decoded = channel.bodies.map((body) => decodeSeed001(body))
    expect(decoded.every((result) => result.ok)).toBe(true)
    expect(decoded.at(-1)).toMatchObject({
      ok: true,
      heartbeats: [{ goodbye: true, declaredIntervalMs: 50 }],
    })
    expect(messages[1]?.uptime_seconds as number).toBeGreaterThan(messages[0]?.uptime_seconds as number)
  })

  it('sends nothing after stop()', async () => {
    const { publisher, channel } = await publisherOnRealRedis()

    await publisher.start()
    await publisher.stop()
    await new Promise((resolve) => setTimeout(resolve, 200))

    expect(channel.parsed().map((message) => message.status ?? 'beat')).toEqual(['beat', GOODBYE_STATUS])
  })

  it('leaves a failing collector out of that beat, reports it, and keeps publishing', async () => {
    const errors: PublishError[] = []
    const { publisher, channel } = await publisherOnRealRedis({ onError: (error) => errors.push(error) })
    let calls = 0
    publisher
      .addDataCollector('queue_size', () => 1380)
      .addDataCollector('api_status', async () => 'authenticated')
      .addDataCollector('cache_size', () => {
        calls += 1
        if (calls === 1) throw new Error('cache not ready')
        return calls
      })

    await publisher.start()
    await channel.waitForCount(2)

    const [first, second] = channel.parsed()
    expect(first).toMatchObject({ queue_size: 1380, api_status: 'authenticated' })
    expect(first).not.toHaveProperty('cache_size')
    expect(second).toMatchObject({ queue_size: 1380, cache_size: 2 })
    expect(errors[0]).toMatchObject({ kind: 'collector', collectorKey: 'cache_size' })
    expect(errors[0]?.message).toContain('cache not ready')
  })

  it('refuses a collector for a field it writes itself', async () => {
    const publisher = new HeartbeatPublisher(uniqueServiceName('pubtest'), { to: TEST_REDIS_URL })
    cleanups.push(() => publisher.stop())

    expect(() => publisher.addDataCollector('heartbeat_count', () => 1)).toThrow(/written by the publisher/)
  })

  it('publishOnce() sends one heartbeat without starting the timer', async () => {
    const { publisher, channel } = await publisherOnRealRedis()

    const message = await publisher.publishOnce()
    await channel.waitForCount(1)

    expect(JSON.parse(channel.bodies[0] as string)).toEqual(message)
    expect(message.heartbeat_count).toBe(1)
  })
})

describe('HeartbeatPublisher when sends fail', () => {
  it('reports each failed send and keeps beating; stop() still ends promptly', async () => {
    const errors: PublishError[] = []
    // Nothing listens on port 1: every send fails for real, fast.
    const publisher = new HeartbeatPublisher(uniqueServiceName('pubtest'), {
      to: 'redis://127.0.0.1:1/0',
      interval: 50,
      onError: (error) => errors.push(error),
    })

    await publisher.start()
    await new Promise((resolve) => setTimeout(resolve, 260))
    const stoppedAt = performance.now()
    await publisher.stop()

    expect(performance.now() - stoppedAt).toBeLessThan(1_000)
    expect(errors.length).toBeGreaterThanOrEqual(3)
    expect(errors.every((error) => error.kind === 'send')).toBe(true)
    expect(errors[0]?.message).toMatch(/heartbeat #1 not sent: redis redis:\/\/127\.0\.0\.1:1\/0/)
    expect(publisher.sentCount).toBe(errors.length)
  })
})

describe('HeartbeatPublisher timing', () => {
  it('keeps to the interval grid when sends are slow, never overlapping them', async () => {
    const memory = slowMemoryTransport(30)
    const publisher = new HeartbeatPublisher('timing', { to: memory.transport, interval: 50 })

    await publisher.start()
    while (memory.sendStartsMs.length < 6) await new Promise((resolve) => setTimeout(resolve, 10))
    await publisher.stop()

    const starts = memory.sendStartsMs
    // Re-arming after each 30 ms send would put the 6th beat at 5 × 80 = 400 ms.
    expect((starts[5] as number) - (starts[0] as number)).toBeLessThan(330)
    expect(memory.maxInFlight()).toBe(1)
  })

  it('sends back to back, one at a time, when a send takes longer than the interval', async () => {
    const memory = slowMemoryTransport(70)
    const publisher = new HeartbeatPublisher('timing', { to: memory.transport, interval: 50 })

    await publisher.start()
    while (memory.sendStartsMs.length < 4) await new Promise((resolve) => setTimeout(resolve, 10))
    await publisher.stop()

    expect(memory.maxInFlight()).toBe(1)
  })
})
