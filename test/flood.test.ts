/**
 * A flood (issue 5): 100,000 messages over the real Redis pub/sub, one in three malformed in several
 * ways, paced so Redis never cuts off the subscriber. Every good one is counted, every bad one
 * rejected, every instance present, memory bounded, and it takes seconds.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES } from '../src/main/core/heartbeat'
import { KEPT_REJECTIONS } from '../src/main/core/source-stats'
import { watch, type Harness } from './support/engine-harness'
import { uniqueName, waitFor } from './support/wait'

const TOTAL = 100_000
const SERVICES = 1_000
/** How far the publisher may run ahead of what the engine has taken (Redis's pubsub buffer limit). */
const WINDOW = 5_000
const BATCH = 1_000

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Malformed in several ways; one in a thousand of them is over the size limit. */
const MALFORMED: readonly string[] = [
  'not json {',
  '[1,2,3]',
  '{"instance_id":"x"}',
  '{"service_name":42}',
  JSON.stringify({ service_name: 's'.repeat(300) }),
  `{"service_name":"svc","deep":${'['.repeat(70)}${']'.repeat(70)}}`,
  '',
  '{"service_name":"svc","cpu_usage_percent":NaN,',
]
const OVERSIZE = JSON.stringify({ service_name: 'svc', pad: 'x'.repeat(MAX_MESSAGE_BYTES) })

function message(index: number): { body: string; good: boolean } {
  if (index % 3 === 2) {
    const bad = Math.floor(index / 3)
    return {
      body: bad % 1_000 === 999 ? OVERSIZE : (MALFORMED[bad % MALFORMED.length] as string),
      good: false,
    }
  }
  const service = index % SERVICES
  return {
    good: true,
    body: JSON.stringify({
      service_name: `svc-${service}`,
      instance_id: `i-${service}`,
      timestamp: '2025-01-16T08:30:00.123456+00:00',
      uptime_seconds: 3600.5,
      heartbeat_count: index,
      memory_usage_mb: 156.3,
      cpu_usage_percent: 12.5,
      status: 'ok',
    }),
  }
}

/** The real garbage collector, so heap sizes before and after compare live data, not garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

describe('a flood of good and malformed messages', () => {
  it(`takes ${TOTAL.toLocaleString('en')} messages, counts every one, and stays bounded`, async () => {
    const startedAt = performance.now()
    const prefix = uniqueName('hbflood')
    const harness: Harness = watch(`redis://127.0.0.1:6379/0?pattern=${prefix}:*`)
    cleanups.push(() => harness.stop())
    await harness.waitForSource('connected')
    const publisher = new Redis('redis://127.0.0.1:6379/0')
    cleanups.push(() => publisher.disconnect())
    const source = () => harness.engine.sourceViews()[0]
    const received = (): number => source()?.received ?? 0

    collectGarbage()
    const before = process.memoryUsage()
    let malformed = 0
    for (let sent = 0; sent < TOTAL;) {
      while (sent - received() >= WINDOW) await new Promise((resolve) => setImmediate(resolve))
      const pipeline = publisher.pipeline()
      for (const end = Math.min(TOTAL, sent + BATCH); sent < end; sent++) {
        const { body, good } = message(sent)
        if (!good) malformed++
        pipeline.publish(`${prefix}:heartbeat:service:${sent % SERVICES}`, body)
      }
      await pipeline.exec()
    }
    await waitFor(() => received() === TOTAL, 10_000, `all ${TOTAL} messages (have ${received()})`)
    collectGarbage()
    const after = process.memoryUsage()

    expect(source()?.rejected).toBe(malformed)
    expect(malformed).toBe(Math.floor(TOTAL / 3))
    expect(source()?.state).toBe('connected')
    expect(harness.transitions.filter((transition) => transition.reason === 'source disconnected')).toEqual(
      [],
    )
    const services = harness.engine.services()
    expect(services).toHaveLength(SERVICES)
    expect(services.every((view) => view.state === 'alive')).toBe(true)
    expect(source()?.lastRejections).toHaveLength(KEPT_REJECTIONS)
    // A thousand instances (about 4 MB); nothing that grows with the number of messages.
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 1024 * 1024)
    expect(after.rss - before.rss).toBeLessThan(128 * 1024 * 1024)
    expect(performance.now() - startedAt).toBeLessThan(30_000)
  }, 30_000)
})
