import { beforeEach, describe, expect, it } from 'vitest'
import type { ServiceState } from '../../shared/model'
import { MIN, SOURCE, Scene } from './test-support/alert-policy-harness'

let scene: Scene
beforeEach(() => {
  scene = new Scene()
})

describe('alert policy: reminders', () => {
  it('reminds every N minutes while still dead, in one notification for all due, until it recovers', () => {
    scene.notifications = { ...scene.notifications, reminderMinutes: 15 }
    const [a, b] = scene.alive('worker', 2)
    const [lone] = scene.alive('mailer')
    scene.move(a as string, 'dead')
    scene.move(b as string, 'dead')
    scene.runUntil(5 * MIN)
    scene.move(lone as string, 'dead')
    scene.runUntil(16 * MIN)
    expect(scene.titles().slice(2)).toEqual(['2 instances still dead'])
    expect(scene.shown[2]).toMatchObject({ kind: 'reminder', body: 'worker (2)', target: null })
    scene.runUntil(21 * MIN)
    expect(scene.shown[3]).toMatchObject({
      title: 'mailer is still dead',
      body: `mailer on ${SOURCE}, dead for 15 min`,
      target: lone,
    })
    scene.move(a as string, 'alive', 'heartbeat received')
    scene.move(b as string, 'alive', 'heartbeat received')
    scene.runUntil(31 * MIN)
    expect(scene.titles().filter((title) => title.includes('still dead'))).toEqual([
      '2 instances still dead',
      'mailer is still dead',
    ])
  })

  it('does not remind by default, nor about muted instances', () => {
    const [a, b] = scene.alive('worker', 2)
    scene.move(a as string, 'dead')
    scene.runUntil(120 * MIN)
    expect(scene.titles()).toEqual(['worker: 1 of 2 instances dead'])
    scene.notifications = { ...scene.notifications, reminderMinutes: 10 }
    scene.mutes.mute(a as string, null)
    scene.move(b as string, 'dead')
    scene.runUntil(200 * MIN)
    expect(scene.titles().filter((title) => title.includes('still'))).toHaveLength(8)
    expect(scene.shown.at(-1)?.title).toBe('worker is still dead')
  })
})

describe('alert policy: flapping', () => {
  it('notifies once when an instance flaps, then nothing until it settles, then how it settled', () => {
    const [id] = scene.alive('jittery')
    const states: ServiceState[] = ['stale', 'alive', 'stale', 'alive', 'stale', 'alive', 'stale', 'alive']
    for (const state of states) {
      scene.move(id as string, state)
      scene.runUntil(scene.nowMs + 30_000)
    }
    expect(scene.shown.map((n) => n.kind)).toEqual([
      'stale',
      'recovered',
      'stale',
      'recovered',
      'stale',
      'flapping',
    ])
    expect(scene.shown.at(-1)).toMatchObject({ title: 'jittery is flapping', target: id })
    expect(scene.policy.isFlapping(id as string)).toBe(true)
    expect(scene.policy.takeMarkChanges().instances).toEqual([id])

    scene.move(id as string, 'dead')
    scene.runUntil(30 * MIN)
    expect(scene.policy.isFlapping(id as string)).toBe(false)
    expect(scene.shown.at(-1)).toMatchObject({ kind: 'dead', title: 'jittery is dead' })
    expect(scene.shown.at(-1)?.body).toContain('no longer flapping')
    expect(scene.shown).toHaveLength(7)
  })
})
