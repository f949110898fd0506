/**
 * Notifications through the whole app (controller → engine → alert policy) over real Redis: a death is
 * told once, a muted service is not, a mute until recovery ends when it recovers, a lost source is told
 * once for all its instances.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import type { NotificationView } from '../src/shared/model'
import { defaultConfig } from '../src/main/core/config'
import { Controller } from '../src/main/controller'
import { startPrivateRedis } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'

const SHARED_REDIS = 'redis://127.0.0.1:6379/0'
const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function seed001(service: string, intervalSeconds = 0.2): string {
  return JSON.stringify({
    service_name: service,
    instance_id: service,
    interval_seconds: intervalSeconds,
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
  })
}

async function watching(redisUrl = SHARED_REDIS) {
  const prefix = uniqueName('hbalert')
  const controller = new Controller({
    config: { ...defaultConfig(), sources: [`${redisUrl}?pattern=${prefix}:*`] },
  })
  expect(controller.start()).toEqual([])
  const shown: NotificationView[] = []
  controller.onNotification((notification) => shown.push(notification))
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
  publisher.on('error', () => undefined)
  cleanups.push(
    () => controller.stop(),
    () => publisher.disconnect(),
  )
  await waitFor(() => controller.engine.sourceViews()[0]?.state === 'connected')
  const sourceId = controller.engine.sourceViews()[0]?.id as string
  const stateOf = (service: string) =>
    controller.engine.services().find((view) => view.service === service)?.state
  const beat = (service: string, intervalSeconds?: number) =>
    publisher.publish(`${prefix}:${service}`, seed001(service, intervalSeconds))
  return { controller, shown, sourceId, stateOf, beat }
}

describe('alerting', () => {
  it('tells of a death once, and carries it to browser UIs in the next delta', async () => {
    const { controller, shown, stateOf, beat } = await watching()
    await beat('mailer')
    await waitFor(() => stateOf('mailer') === 'dead')
    await waitFor(() => shown.length > 0, 5_000, 'a notification')
    // Stale (at 300 ms) and dead (at 600 ms) fall within one hold: only the later is told.
    expect(shown.map((n) => [n.kind, n.title])).toEqual([['dead', 'mailer is dead']])
    expect(controller.takeDelta()?.notifications).toEqual(shown)
    expect(controller.takeDelta()?.notifications).toBeUndefined()
  })

  it('tells nothing of a muted service, and ends a mute until recovery when it recovers', async () => {
    const { controller, shown, sourceId, stateOf, beat } = await watching()
    await Promise.all([beat('quiet'), beat('loud')])
    await waitFor(() => stateOf('quiet') === 'alive')
    expect(await controller.run({ type: 'mute', target: `${sourceId}|quiet`, untilMs: null })).toEqual({
      ok: true,
    })
    await waitFor(() => stateOf('quiet') === 'dead' && stateOf('loud') === 'dead')
    await waitFor(() => shown.length > 0, 5_000, 'a notification')
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(shown.map((n) => n.title)).toEqual(['loud is dead'])

    await beat('quiet')
    await waitFor(() => stateOf('quiet') === 'alive')
    expect(controller.serviceViews().find((view) => view.service === 'quiet')?.muted).toBeNull()
    expect(shown.map((n) => n.title)).toEqual(['loud is dead'])
  })

  it('tells of a lost source once, not of its instances, and of its return', async () => {
    const redis = await startPrivateRedis()
    cleanups.push(() => redis.stop())
    const { controller, shown, sourceId, stateOf, beat } = await watching(redis.url)
    for (const service of ['a', 'b', 'c']) await beat(service, 60)
    await waitFor(() => stateOf('c') === 'alive')
    await redis.stop()
    await waitFor(() => shown.length > 0, 10_000, 'the source notification')
    expect(controller.serviceViews().map((view) => view.state)).toEqual(['unknown', 'unknown', 'unknown'])
    expect(shown).toEqual([
      expect.objectContaining({ kind: 'source', title: `Lost ${sourceId}`, target: sourceId }),
    ])
    expect(shown[0]?.body).toMatch(/Its 3 instances are unknown until it is back\.$/)
    await redis.start()
    await waitFor(() => shown.length > 1, 15_000, 'the return')
    expect(shown.map((n) => n.title)).toEqual([`Lost ${sourceId}`, `${sourceId} is back`])
  }, 30_000)

  it('raises one "degraded" when most of a source falls silent at once, and marks the source', async () => {
    const { controller, shown, sourceId, stateOf, beat } = await watching()
    const services = ['w1', 'w2', 'w3', 'w4', 'w5']
    const beating = new Set(services)
    const timer = setInterval(() => void Promise.all([...beating].map((service) => beat(service))), 150)
    cleanups.push(() => clearInterval(timer))
    await waitFor(() => services.every((service) => stateOf(service) === 'alive'))
    await new Promise((resolve) => setTimeout(resolve, 500))
    for (const service of ['w1', 'w2', 'w3', 'w4']) beating.delete(service)
    await waitFor(() => ['w1', 'w2', 'w3', 'w4'].every((service) => stateOf(service) === 'dead'))
    await waitFor(() => shown.length > 0, 5_000, 'a notification')
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(shown.map((n) => [n.kind, n.title])).toEqual([['degraded', `${sourceId} looks degraded`]])
    expect(shown[0]?.body).toMatch(/^4 of 5 instances fell silent at once/)
    expect(controller.sourceViews()[0]?.degraded).toMatchObject({ reason: expect.stringMatching(/^4 of 5/) })
    expect(controller.snapshot().sources[0]?.degraded).toBeTruthy()

    for (const service of ['w1', 'w2', 'w3', 'w4']) beating.add(service)
    await waitFor(() => shown.length > 1, 5_000, 'the all-clear')
    expect(shown[1]).toMatchObject({ kind: 'recovered', title: `${sourceId} is back to normal` })
    expect(controller.sourceViews()[0]?.degraded).toBeUndefined()
  }, 20_000)
})
