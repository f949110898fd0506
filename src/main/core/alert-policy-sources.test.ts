import { beforeEach, describe, expect, it } from 'vitest'
import { MIN, SOURCE, Scene, WALL_0, at } from './test-support/alert-policy-harness'

let scene: Scene
beforeEach(() => {
  scene = new Scene()
})

describe('alert policy: sources', () => {
  it('does not tell again what was known before a spell of unknown, and tells a recovery through it', () => {
    scene.source('connected')
    const [id] = scene.alive('mailer')
    scene.move(id as string, 'dead')
    scene.runUntil(5_000)
    // Asleep, or the source reconnected: unknown, then grace ran out.
    scene.move(id as string, 'unknown', 'the system resumed from sleep')
    scene.move(id as string, 'stale', 'no heartbeat since reconnecting')
    scene.move(id as string, 'dead', 'no heartbeat since reconnecting')
    scene.runUntil(10_000)
    expect(scene.titles()).toEqual(['mailer is dead'])
    scene.move(id as string, 'unknown', 'source disconnected')
    scene.move(id as string, 'alive', 'heartbeat received')
    scene.runUntil(15_000)
    expect(scene.titles()).toEqual(['mailer is dead', 'mailer recovered'])
  })

  it('raises one notification when a source drops, none for its instances, and one when it is back', () => {
    scene.source('connecting')
    scene.source('connected')
    const ids = scene.alive('worker', 4)
    scene.nowMs = 1_000
    scene.source('disconnected', 'connect ECONNREFUSED 127.0.0.1:6379')
    for (const id of ids) scene.move(id, 'unknown', 'source disconnected')
    scene.source('connecting')
    scene.source('disconnected', 'connect ECONNREFUSED 127.0.0.1:6379')
    scene.runUntil(30_000)
    expect(scene.shown).toHaveLength(1)
    expect(scene.shown[0]).toMatchObject({
      kind: 'source',
      title: `Lost ${SOURCE}`,
      body: 'connect ECONNREFUSED 127.0.0.1:6379. Its 4 instances are unknown until it is back.',
      target: SOURCE,
      atMs: 6_000,
    })
    scene.source('connected')
    scene.runUntil(60_000)
    expect(scene.titles()).toEqual([`Lost ${SOURCE}`, `${SOURCE} is back`])
  })

  it('says nothing of a blip shorter than the hold, nor of connecting at start', () => {
    scene.source('connecting')
    scene.source('connected')
    scene.nowMs = 1_000
    scene.source('disconnected', 'socket closed')
    scene.nowMs = 3_000
    scene.source('connected')
    scene.runUntil(60_000)
    expect(scene.shown).toEqual([])
  })

  it('says so when a source cannot be reached from the start', () => {
    scene.source('connecting')
    scene.source('disconnected', 'getaddrinfo ENOTFOUND nowhere')
    scene.runUntil(60_000)
    expect(scene.shown[0]).toMatchObject({
      title: `Cannot reach ${SOURCE}`,
      body: 'getaddrinfo ENOTFOUND nowhere.',
    })
  })

  it('tells no return of a loss that was snoozed', () => {
    scene.source('connected')
    scene.mutes.snoozedUntilWallMs = WALL_0 + 10_000
    scene.source('disconnected', 'socket closed')
    scene.runUntil(20_000)
    scene.source('connected')
    scene.runUntil(60_000)
    expect(scene.shown).toEqual([])
  })
})

describe('alert policy: wake-ups', () => {
  it('asks to be woken only when it has something to do', () => {
    expect(scene.policy.nextWakeMs()).toBeNull()
    const [id] = scene.alive('mailer')
    scene.nowMs = 100
    scene.move(id as string, 'dead')
    expect(scene.policy.nextWakeMs()).toBe(1_600)
    scene.runUntil(2_000)
    expect(scene.policy.nextWakeMs()).toBeNull()
    scene.notifications = { ...scene.notifications, reminderMinutes: 5 }
    expect(scene.policy.nextWakeMs()).toBe(100 + 5 * MIN)
  })

  it('forgets a removed source entirely', () => {
    scene.notifications = { ...scene.notifications, reminderMinutes: 5 }
    const [id] = scene.alive('mailer')
    scene.move(id as string, 'dead')
    scene.policy.sourceHealth(SOURCE, 'stopped', null, at(10))
    expect(scene.policy.nextWakeMs()).toBeNull()
  })
})
