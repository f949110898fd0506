/**
 * Hostile input's limits (issue 5), through the whole engine on the real Redis: message size, field
 * count, nesting, name lengths, and the number of instances (beyond `maxInstances` new ids are refused
 * and counted, existing ones keep working), on a pub/sub source and on a polled registry.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, MAX_NAME_LENGTH } from '../src/main/core/heartbeat'
import { MAX_FIELDS, MAX_NESTING_DEPTH } from '../src/main/core/decode/json-object'
import { watch, type Harness } from './support/engine-harness'
import { uniqueName, waitFor } from './support/wait'

const REDIS = 'redis://127.0.0.1:6379/0'
const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function redisClient(): Redis {
  const client = new Redis(REDIS)
  cleanups.push(() => client.disconnect())
  return client
}

function watching(url: string, maxInstances?: number): Harness {
  const harness = watch(url, maxInstances === undefined ? {} : { maxInstances })
  cleanups.push(() => harness.stop())
  return harness
}

const source = (harness: Harness) => harness.engine.sourceViews()[0]
const instances = (harness: Harness): string[] =>
  harness.engine
    .services()
    .map((view) => view.instance)
    .sort()

describe('limits through the engine', () => {
  it('refuses new instances past maxInstances on pub/sub, counts each, and keeps the first ones alive', async () => {
    const prefix = uniqueName('hblimit')
    const harness = watching(`${REDIS}?pattern=${prefix}:*&interval=300ms`, 3)
    await harness.waitForSource('connected')
    const publisher = redisClient()
    const beat = (instance: string): Promise<number> =>
      publisher.publish(`${prefix}:x`, JSON.stringify({ service_name: 'svc', instance_id: instance }))

    for (const instance of ['a', 'b', 'c', 'd', 'e']) await beat(instance)
    await waitFor(() => source(harness)?.received === 5)
    expect(instances(harness)).toEqual(['a', 'b', 'c'])
    expect(source(harness)?.rejected).toBe(2)
    expect(source(harness)?.lastRejections.map((rejection) => rejection.reason)).toEqual([
      'instance limit reached (3); new ids refused',
      'instance limit reached (3); new ids refused',
    ])

    // The first three keep beating through their deadlines; a newcomer is still refused.
    for (let round = 0; round < 4; round++) {
      await Promise.all(['a', 'b', 'c', 'f'].map(beat))
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    await waitFor(() => source(harness)?.received === 21)
    expect(harness.engine.services().map((view) => view.state)).toEqual(['alive', 'alive', 'alive'])
    expect(source(harness)?.rejected).toBe(6)
  })

  it('refuses the same past maxInstances on a polled registry, and serves the records it took', async () => {
    const key = uniqueName('hblimit-hash')
    const redis = redisClient()
    cleanups.push(() => redis.del(key))
    const record = (id: string, beat: string): string =>
      JSON.stringify({ worker_id: id, worker_name: 'w', status: 'connected', last_heartbeat: beat })
    const write = (ids: string[], beat: string): Promise<number> =>
      redis.hset(key, ...ids.flatMap((id) => [id, record(id, beat)]))
    await write(['w1', 'w2', 'w3'], '2025-05-18 10:00:00')
    const harness = watching(`redis+hash://127.0.0.1:6379/0?key=${key}&every=100ms&interval=1s`, 2)
    await waitFor(() => source(harness)?.rejected === 1, 5_000, 'the third record refused')
    expect(instances(harness)).toHaveLength(2)
    expect(source(harness)?.lastRejections[0]?.reason).toBe('instance limit reached (2); new ids refused')

    // Every record beats (its marker moves): the two taken come alive, the third is refused again.
    await write(['w1', 'w2', 'w3'], '2025-05-18 10:00:05')
    await waitFor(() => source(harness)?.rejected === 2, 5_000, 'the third record refused again')
    for (const instance of instances(harness)) await harness.waitForState('w', 'alive', 5_000, instance)
    expect(instances(harness)).toHaveLength(2)
  })

  it('counts an oversize, over-wide, over-deep or over-long-named message as a rejection with its reason', async () => {
    const prefix = uniqueName('hblimit')
    const harness = watching(`${REDIS}?pattern=${prefix}:*`)
    await harness.waitForSource('connected')
    const publisher = redisClient()
    const fields = Object.fromEntries(Array.from({ length: MAX_FIELDS }, (_, i) => [`f${i}`, i]))
    const hostile = [
      JSON.stringify({ service_name: 'svc', pad: 'x'.repeat(MAX_MESSAGE_BYTES) }),
      JSON.stringify({ service_name: 'svc', ...fields }),
      `{"service_name":"svc","deep":${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}}`,
      JSON.stringify({ service_name: 's'.repeat(MAX_NAME_LENGTH + 1) }),
      JSON.stringify({ service_name: 'svc', instance_id: 'i'.repeat(MAX_NAME_LENGTH + 1) }),
    ]
    for (const message of hostile) await publisher.publish(`${prefix}:x`, message)
    await waitFor(() => source(harness)?.rejected === hostile.length)
    expect(source(harness)?.lastRejections.map((rejection) => rejection.reason)).toEqual([
      'message over 64 KiB',
      `more than ${MAX_FIELDS} fields`,
      `nested deeper than ${MAX_NESTING_DEPTH} levels`,
      `service_name longer than ${MAX_NAME_LENGTH}`,
      `instance_id longer than ${MAX_NAME_LENGTH}`,
    ])
    // A sample is kept for display, never the whole message.
    expect(source(harness)?.lastRejections[0]?.sample.length).toBeLessThanOrEqual(201)
    expect(harness.engine.services()).toEqual([])
  })
})
