/**
 * Issue 8 with real processes and real Redis: a restart is not a death, a crash is not a goodbye.
 * Publishers are the app's own `publish` command, started and SIGKILLed as separate processes; each
 * start gets a fresh instance id (a uuid4), as seed 001's publisher does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { NotificationView, ServiceView, TransitionView } from '../src/shared/model'
import { defaultConfig } from '../src/main/core/config'
import { startHeadless, type HeadlessApp } from '../src/main/headless'
import { Seed000Manager } from './support/seed000-manager'
import { uniqueName, waitFor } from './support/wait'

const REDIS = 'redis://127.0.0.1:6379/0'
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Watch {
  app: HeadlessApp
  transitions: TransitionView[]
  notifications: NotificationView[]
  instances(service: string): ServiceView[]
}

async function watchSource(url: string): Promise<Watch> {
  const app = await startHeadless({
    config: { ...defaultConfig(), sources: [url] },
    host: '127.0.0.1',
    port: 0,
    token: null,
    rendererDir: 'out/renderer',
    log: () => undefined,
  })
  cleanups.push(() => app.stop())
  const transitions: TransitionView[] = []
  const notifications: NotificationView[] = []
  app.engine.onTransition((transition) => transitions.push(transition))
  app.controller.onNotification((notification) => notifications.push(notification))
  await waitFor(() => app.engine.sourceViews()[0]?.state === 'connected', 5_000, 'the source')
  return {
    app,
    transitions,
    notifications,
    instances: (service) => app.engine.services().filter((s) => s.service === service),
  }
}

/** `heartbeat-tray publish` as its own process, beating every 1 s until killed. */
function publisher(channelPrefix: string, service: string): ChildProcess {
  const child = spawn(process.execPath, [
    'bin/heartbeat-tray.js',
    'publish',
    '--to',
    `${REDIS}?channel=${channelPrefix}:{service}`,
    '--service',
    service,
    '--interval',
    '1s',
  ])
  cleanups.push(() => child.kill('SIGKILL'))
  return child
}

const kill = (child: ChildProcess): Promise<unknown> =>
  new Promise((resolve) => {
    child.once('exit', resolve)
    child.kill('SIGKILL')
  })

const aliveCount = (watch: Watch, service: string): number =>
  watch.instances(service).filter((s) => s.state === 'alive').length

describe('restarts and crashes over real Redis (seed 001)', () => {
  it('a publisher restarted under a new instance id leaves the old one gone, replaced, with no stale, dead or notification', async () => {
    const prefix = uniqueName('hbrestart')
    const watch = await watchSource(`${REDIS}?pattern=${prefix}:*`)
    const first = publisher(prefix, 'tracker_fetcher')
    await waitFor(() => aliveCount(watch, 'tracker_fetcher') === 1, 10_000, 'the first run')
    await new Promise((resolve) => setTimeout(resolve, 1_200)) // a second heartbeat
    await kill(first)
    publisher(prefix, 'tracker_fetcher')
    await waitFor(
      () => watch.instances('tracker_fetcher').some((s) => s.state === 'gone'),
      10_000,
      'the old one gone',
    )
    const [old] = watch.instances('tracker_fetcher').filter((s) => s.state === 'gone')
    const [fresh] = watch.instances('tracker_fetcher').filter((s) => s.state === 'alive')
    expect(old?.replacedBy).toBe(fresh?.id)
    await new Promise((resolve) => setTimeout(resolve, 3_500)) // past the old one's dead deadline
    expect(watch.transitions.filter((t) => t.to === 'stale' || t.to === 'dead')).toEqual([])
    expect(watch.notifications).toEqual([])
  }, 30_000)

  it('a publisher killed and not restarted goes dead, and says so', async () => {
    const prefix = uniqueName('hbcrash')
    const watch = await watchSource(`${REDIS}?pattern=${prefix}:*`)
    const only = publisher(prefix, 'geocoder')
    await waitFor(() => aliveCount(watch, 'geocoder') === 1, 10_000, 'alive')
    await kill(only)
    await waitFor(() => watch.instances('geocoder')[0]?.state === 'dead', 10_000, 'dead')
    await waitFor(() => watch.notifications.some((n) => n.kind === 'dead'), 5_000, 'a dead notification')
    expect(watch.notifications.find((n) => n.kind === 'dead')?.title).toMatch(/geocoder/)
  }, 30_000)

  it('two of three replicas killed and one restarted leaves exactly one dead', async () => {
    const prefix = uniqueName('hbreplicas')
    const watch = await watchSource(`${REDIS}?pattern=${prefix}:*`)
    const replicas = [
      publisher(prefix, 'geofence'),
      publisher(prefix, 'geofence'),
      publisher(prefix, 'geofence'),
    ]
    await waitFor(() => aliveCount(watch, 'geofence') === 3, 10_000, 'three replicas')
    await new Promise((resolve) => setTimeout(resolve, 6_000)) // well over one dead interval (3 s): not newcomers
    await Promise.all([kill(replicas[0] as ChildProcess), kill(replicas[1] as ChildProcess)])
    publisher(prefix, 'geofence')
    const describeAll = () =>
      JSON.stringify(
        watch
          .instances('geofence')
          .map((s) => [s.instance.slice(0, 8), s.state, s.replaces?.slice(-8), s.replacedBy?.slice(-8)]),
      )
    await waitFor(
      () => watch.instances('geofence').filter((s) => s.state === 'dead').length === 1,
      15_000,
      'one dead',
    ).catch((error: unknown) => {
      throw new Error(`${String(error)} ${describeAll()}`)
    })
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const states = watch
      .instances('geofence')
      .map((s) => s.state)
      .sort()
    expect(states).toEqual(['alive', 'alive', 'dead', 'gone'])
  }, 40_000)
})

describe('seed 000 hash and forgetting', () => {
  it('a worker registered anew under the same worker_name retires the old record (left disconnected) as gone', async () => {
    const redis = new Redis(REDIS)
    const key = uniqueName('hbworkers')
    cleanups.push(
      () => redis.quit(),
      () => redis.del(key),
    )
    const manager = new Seed000Manager(redis, key)
    const watch = await watchSource(`redis+hash://127.0.0.1:6379/0?key=${key}&every=100ms&interval=500ms`)
    const worker = { worker_id: 'a1b2-old', worker_name: 'FastAPI Worker 1', host: '172.18.0.4', port: 8001 }
    await manager.register(worker, 'connected')
    await waitFor(() => watch.instances('FastAPI Worker 1').length === 1, 5_000)
    for (let beat = 0; beat < 3; beat++) {
      await new Promise((resolve) => setTimeout(resolve, 300))
      await manager.heartbeat('a1b2-old')
    }
    await waitFor(() => watch.instances('FastAPI Worker 1')[0]?.state === 'alive', 5_000, 'alive')
    await manager.setStatus('a1b2-old', 'disconnected') // the manager writes it for a kill -9 too
    await manager.register({ ...worker, worker_id: 'c3d4-new' }, 'connected')
    await manager.heartbeat('c3d4-new')
    await waitFor(
      () => watch.instances('FastAPI Worker 1').find((s) => s.instance === 'a1b2-old')?.state === 'gone',
      5_000,
      'gone',
    )
    const old = watch.instances('FastAPI Worker 1').find((s) => s.instance === 'a1b2-old')
    expect(old?.reported).toBe('disconnected')
    expect(watch.transitions.filter((t) => t.instance === 'a1b2-old' && t.to === 'dead')).toEqual([])
  }, 20_000)

  it('forgets an instance through the API at once, keeping its history', async () => {
    const prefix = uniqueName('hbforget')
    const watch = await watchSource(`${REDIS}?pattern=${prefix}:*`)
    const redis = new Redis(REDIS)
    cleanups.push(() => redis.quit())
    await redis.publish(`${prefix}:x`, JSON.stringify({ service_name: 'old-job', instance_id: 'r1' }))
    await waitFor(() => watch.instances('old-job').length === 1, 5_000)
    const id = watch.instances('old-job')[0]?.id as string
    const ws = new WebSocket(`${watch.app.url.replace('http', 'ws')}/api/events`)
    cleanups.push(() => ws.terminate())
    const results: unknown[] = []
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string }
      if (frame.type === 'result') results.push(frame)
    })
    await new Promise((resolve) => ws.once('open', resolve))
    ws.send(JSON.stringify({ type: 'command', id: 1, command: { type: 'forget', id } }))
    await waitFor(() => results.length === 1, 5_000, 'the result')
    expect(results[0]).toEqual({ type: 'result', id: 1, result: { ok: true } })
    const listed = (await (await fetch(`${watch.app.url}/api/services`)).json()) as ServiceView[]
    expect(listed.some((s) => s.id === id)).toBe(false)
    const history = (await (await fetch(`${watch.app.url}/api/history`)).json()) as TransitionView[]
    expect(history.some((t) => t.id === id)).toBe(true)
  }, 20_000)
})
