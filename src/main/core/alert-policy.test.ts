import { beforeEach, describe, expect, it } from 'vitest'
import type { UserSettings } from '../../shared/model'
import type { AlertSettings } from './alert-policy'
import { SOURCE, Scene, WALL_0 } from './test-support/alert-policy-harness'

let scene: Scene
beforeEach(() => {
  scene = new Scene()
})

describe('alert policy: what notifies', () => {
  it('tells of a death after a short hold, naming the service, the instance and the source', () => {
    const [id] = scene.alive('mailer')
    scene.move(id as string, 'dead')
    scene.runUntil(1_000)
    expect(scene.shown).toEqual([])
    scene.runUntil(10_000)
    expect(scene.shown).toHaveLength(1)
    expect(scene.shown[0]).toMatchObject({
      kind: 'dead',
      title: 'mailer is dead',
      body: `on ${SOURCE}: no heartbeat for 3 s (dead after 3 s)`,
      target: id,
      sound: true,
      atMs: 1_500,
      at: new Date(WALL_0 + 1_500).toISOString(),
    })
  })

  it('counts the instances of a service, as its rollup does', () => {
    const [first] = scene.alive('tracker_fetcher', 3)
    scene.move(first as string, 'dead')
    scene.runUntil(5_000)
    expect(scene.shown[0]).toMatchObject({
      title: 'tracker_fetcher: 1 of 3 instances dead',
      body: `tracker_fetcher-1 on ${SOURCE}: no heartbeat for 3 s (dead after 3 s)`,
    })
  })

  it('tells of instances of one service that die together in one notification', () => {
    const [first, second] = scene.alive('worker', 3)
    scene.move(first as string, 'dead')
    scene.move(second as string, 'dead')
    scene.runUntil(5_000)
    expect(scene.shown).toHaveLength(1)
    expect(scene.shown[0]).toMatchObject({
      title: 'worker: 2 of 3 instances dead',
      body: `worker-1, worker-2 on ${SOURCE}: no heartbeat for 3 s (dead after 3 s)`,
      target: first,
    })
  })

  it('notifies stale, dead and recovered (from stale or dead), each as its switch says', () => {
    const [id] = scene.alive('mailer')
    scene.move(id as string, 'stale')
    scene.runUntil(2_000)
    scene.move(id as string, 'dead')
    scene.runUntil(4_000)
    scene.move(id as string, 'alive', 'heartbeat received')
    scene.runUntil(6_000)
    expect(scene.shown.map((n) => n.kind)).toEqual(['stale', 'dead', 'recovered'])
    expect(scene.shown[2]?.title).toBe('mailer recovered')

    scene.notifications = { ...scene.notifications, notifyStale: false, notifyRecovered: false }
    scene.move(id as string, 'stale')
    scene.runUntil(8_000)
    scene.move(id as string, 'alive', 'heartbeat received')
    scene.runUntil(10_000)
    expect(scene.shown).toHaveLength(3)
  })

  it('says nothing of gone, stopped and unknown, nor of unknown → alive', () => {
    const [a, b, c] = scene.alive('worker', 3)
    scene.move(a as string, 'gone', 'replaced by x')
    scene.move(b as string, 'stopped', 'said goodbye')
    scene.move(c as string, 'unknown', 'source disconnected')
    scene.move(c as string, 'alive', 'heartbeat received')
    scene.runUntil(60_000)
    expect(scene.shown).toEqual([])
  })

  it('says nothing when a change is undone within the hold (stale, then alive again)', () => {
    const [id] = scene.alive('jittery')
    scene.move(id as string, 'stale')
    scene.nowMs = 500
    scene.move(id as string, 'alive', 'heartbeat received')
    scene.runUntil(10_000)
    expect(scene.shown).toEqual([])
  })

  it('sends only the latest of changes within the hold (stale, then dead)', () => {
    const [id] = scene.alive('mailer')
    scene.move(id as string, 'stale')
    scene.nowMs = 1_000
    scene.move(id as string, 'dead')
    scene.runUntil(10_000)
    expect(scene.shown.map((n) => n.kind)).toEqual(['dead'])
  })
})

describe('alert policy: silence', () => {
  it('notifies nothing about a muted instance or a muted service', () => {
    const [lone] = scene.alive('mailer')
    const [replica] = scene.alive('fetcher', 2)
    scene.mutes.mute(lone as string, null)
    scene.mutes.mute(`${SOURCE}|fetcher`, WALL_0 + 60_000)
    scene.move(lone as string, 'dead')
    scene.move(replica as string, 'dead')
    scene.runUntil(10_000)
    expect(scene.shown).toEqual([])
  })

  it('lets a mute made during the hold win', () => {
    const [id] = scene.alive('mailer')
    scene.move(id as string, 'dead')
    scene.mutes.mute(id as string, null)
    scene.runUntil(10_000)
    expect(scene.shown).toEqual([])
  })

  it('notifies nothing while snoozed, and again once the snooze ends', () => {
    const [a, b] = scene.alive('worker', 2)
    scene.mutes.snoozedUntilWallMs = WALL_0 + 5_000
    scene.move(a as string, 'dead')
    scene.runUntil(5_000)
    scene.move(b as string, 'dead')
    scene.runUntil(10_000)
    expect(scene.titles()).toEqual(['worker: 2 of 2 instances dead'])
  })
})

// Settings type check: the policy reads only the notification switches of UserSettings.
const _settingsFit: AlertSettings = {} as UserSettings
void _settingsFit
