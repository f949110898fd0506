import { beforeEach, describe, expect, it } from 'vitest'
import type { NotificationView, ServiceState, UserSettings } from '../../shared/model'
import { emptyStateCounts } from '../../shared/rollup'
import { AlertPolicy, type AlertSettings, type AlertWorld } from './alert-policy'
import type { Instant } from './monitor'
import { Mutes } from './mutes'

const SOURCE = 'redis://prod'
const WALL_0 = 1_700_000_000_000
const at = (monoMs: number): Instant => ({ monoMs, wallMs: WALL_0 + monoMs })
const MIN = 60_000

interface FakeInstance {
  service: string
  instance: string
  source: string
  state: ServiceState
}

/** The app around the policy: instances with states, settings, mutes; and a clock driven by the test. */
class Scene implements AlertWorld {
  readonly instances = new Map<string, FakeInstance>()
  readonly mutes = new Mutes()
  readonly shown: (NotificationView & { atMs: number })[] = []
  notifications: AlertSettings = {
    notifyStale: true,
    notifyDead: true,
    notifyRecovered: true,
    reminderMinutes: 0,
    sound: true,
  }
  readonly policy = new AlertPolicy(this)
  nowMs = 0

  settings(): AlertSettings {
    return this.notifications
  }
  muted(instanceId: string, serviceId: string, wallMs: number): boolean {
    return this.mutes.muteOf(instanceId, serviceId, wallMs) !== null
  }
  snoozed(wallMs: number): boolean {
    return this.mutes.isSnoozed(wallMs)
  }
  serviceCounts(serviceId: string): Record<ServiceState, number> {
    return this.count((instance) => `${instance.source}|${instance.service}` === serviceId)
  }
  sourceCounts(sourceId: string): Record<ServiceState, number> {
    return this.count((instance) => instance.source === sourceId)
  }
  timing(): { intervalMs: number; staleAfterMs: number; deadAfterMs: number } {
    return { intervalMs: 1_000, staleAfterMs: 1_500, deadAfterMs: 3_000 }
  }

  /** Adds instances, alive, without telling the policy (as if they had been alive all along). */
  alive(service: string, count = 1, source = SOURCE): string[] {
    return Array.from({ length: count }, (_, index) => {
      const instance = count === 1 ? service : `${service}-${index + 1}`
      const id = `${source}|${service}|${instance}`
      this.instances.set(id, { service, instance, source, state: 'alive' })
      return id
    })
  }

  /** Moves an instance to a state at the scene's current time and tells the policy. */
  move(id: string, to: ServiceState, reason = 'no heartbeat for 3 s (dead after 3 s)'): void {
    const instance = this.instances.get(id)
    if (!instance) throw new Error(`no instance ${id}`)
    const from = instance.state
    instance.state = to
    const now = at(this.nowMs)
    this.policy.transition({ ...instance, id, from, to, at: new Date(now.wallMs).toISOString(), reason }, now)
  }

  source(state: 'connecting' | 'connected' | 'disconnected', error: string | null = null): void {
    this.policy.sourceHealth(SOURCE, state, error, at(this.nowMs))
  }

  /** Runs the policy's wake-ups up to `untilMs`, as the controller's one timer would. */
  runUntil(untilMs: number): void {
    for (
      let next = this.policy.nextWakeMs();
      next !== null && next <= untilMs;
      next = this.policy.nextWakeMs()
    ) {
      this.nowMs = Math.max(this.nowMs, next)
      for (const notification of this.policy.tick(at(this.nowMs)))
        this.shown.push({ ...notification, atMs: this.nowMs })
    }
    this.nowMs = Math.max(this.nowMs, untilMs)
  }

  titles(): string[] {
    return this.shown.map((notification) => notification.title)
  }

  private count(match: (instance: FakeInstance) => boolean): Record<ServiceState, number> {
    const counts = emptyStateCounts()
    for (const instance of this.instances.values()) if (match(instance)) counts[instance.state]++
    return counts
  }
}

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

describe('alert policy: storms', () => {
  // A healthy fleet beside them, so these deaths are not most of the source (see mass silence).
  beforeEach(() => void scene.alive('healthy', 20))

  it('turns five or more deaths at once into one summary naming the source', () => {
    for (const service of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
      scene.move(scene.alive(service)[0] as string, 'dead')
    scene.runUntil(60_000)
    expect(scene.shown).toHaveLength(1)
    expect(scene.shown[0]).toMatchObject({
      kind: 'summary',
      title: `7 services dead on ${SOURCE}`,
      body: 'dead: a, b, c, d +3 more',
      target: SOURCE,
    })
  })

  it('says "instances" when several belong to one service, and mixes kinds as "changes"', () => {
    for (const id of scene.alive('fetcher', 4)) scene.move(id, 'dead')
    scene.move(scene.alive('geo')[0] as string, 'stale')
    scene.runUntil(60_000)
    expect(scene.shown[0]).toMatchObject({
      title: `5 changes on ${SOURCE}`,
      body: 'dead: fetcher (4)\nstale: geo',
    })
  })

  it('sends a few changes one by one', () => {
    for (const service of ['a', 'b', 'c']) scene.move(scene.alive(service)[0] as string, 'dead')
    scene.runUntil(60_000)
    expect(scene.titles()).toEqual(['a is dead', 'b is dead', 'c is dead'])
  })

  it('after a storm, sends at most one notification per 10 s while it lasts', () => {
    const ids = Array.from({ length: 12 }, (_, index) => scene.alive(`s${index}`)[0] as string)
    for (const id of ids.slice(0, 6)) scene.move(id, 'dead')
    scene.runUntil(2_000)
    // The rest trickle in, one every 1.2 s.
    for (const id of ids.slice(6)) {
      scene.runUntil(scene.nowMs + 1_200)
      scene.move(id, 'dead')
    }
    scene.runUntil(60_000)
    expect(scene.shown.map((n) => [n.atMs, n.title])).toEqual([
      [1_500, `6 services dead on ${SOURCE}`],
      [11_500, `6 services dead on ${SOURCE}`],
    ])
  })

  it('a slow trickle of five within 10 s becomes a storm from the fifth on', () => {
    const ids = Array.from({ length: 9 }, (_, index) => scene.alive(`s${index}`)[0] as string)
    for (const id of ids) {
      scene.move(id, 'dead')
      scene.runUntil(scene.nowMs + 2_000)
    }
    scene.runUntil(60_000)
    expect(scene.titles()).toEqual([
      's0 is dead',
      's1 is dead',
      's2 is dead',
      's3 is dead',
      's4 is dead',
      `4 services dead on ${SOURCE}`,
    ])
  })
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

describe('alert policy: mass silence', () => {
  it('raises one "degraded" instead of an alert per instance when most of a source falls silent at once', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(
      (name) => scene.alive(name)[0] as string,
    )
    scene.source('connected')
    for (const id of ids.slice(0, 7)) scene.move(id, 'stale')
    scene.runUntil(2_000)
    expect(scene.shown).toHaveLength(1)
    expect(scene.shown[0]).toMatchObject({
      kind: 'degraded',
      title: `${SOURCE} looks degraded`,
      target: SOURCE,
    })
    expect(scene.shown[0]?.body).toContain('7 of 10 instances fell silent at once')
    expect(scene.policy.degraded(SOURCE)).toMatchObject({ silent: 7, of: 10 })
    expect(scene.policy.takeMarkChanges().sources).toEqual([SOURCE])

    for (const id of ids.slice(0, 7)) scene.move(id, 'dead')
    scene.runUntil(60_000)
    expect(scene.shown).toHaveLength(1)

    for (const id of ids.slice(0, 7)) scene.move(id, 'alive', 'heartbeat received')
    scene.runUntil(120_000)
    expect(scene.shown.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['degraded', `${SOURCE} looks degraded`, expect.any(String)],
      ['recovered', `${SOURCE} is back to normal`, '7 silent instances spoke again.'],
    ])
    expect(scene.policy.degraded(SOURCE)).toBeNull()
  })

  it('tells of those still dead once most of the silent ones are back', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => scene.alive(name)[0] as string)
    for (const id of ids.slice(0, 4)) scene.move(id, 'dead')
    scene.runUntil(2_000)
    scene.runUntil(20_000)
    for (const id of ids.slice(0, 2)) scene.move(id, 'alive', 'heartbeat received')
    scene.runUntil(60_000)
    expect(scene.titles()).toEqual([
      `${SOURCE} looks degraded`,
      `${SOURCE} is back to normal`,
      'c is dead',
      'd is dead',
    ])
  })

  it('is no guard when only a few, or not most, fall silent', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => scene.alive(name)[0] as string)
    for (const id of ids.slice(0, 3)) scene.move(id, 'dead')
    scene.runUntil(60_000)
    expect(scene.titles()).toEqual(['a is dead', 'b is dead', 'c is dead'])
    expect(scene.policy.degraded(SOURCE)).toBeNull()

    const pair = new Scene()
    for (const service of ['x', 'y']) pair.move(pair.alive(service)[0] as string, 'dead')
    pair.runUntil(60_000)
    expect(pair.titles()).toEqual(['x is dead', 'y is dead'])
  })

  it('ends the episode silently when the source drops, which is its own story', () => {
    scene.source('connected')
    const ids = ['a', 'b', 'c', 'd'].map((name) => scene.alive(name)[0] as string)
    for (const id of ids) scene.move(id, 'stale')
    scene.runUntil(2_000)
    expect(scene.policy.degraded(SOURCE)).not.toBeNull()
    scene.source('disconnected', 'socket closed')
    for (const id of ids) scene.move(id, 'unknown', 'source disconnected')
    scene.runUntil(60_000)
    expect(scene.policy.degraded(SOURCE)).toBeNull()
    expect(scene.titles()).toEqual([`${SOURCE} looks degraded`, `Lost ${SOURCE}`])
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

// Settings type check: the policy reads only the notification switches of UserSettings.
const _settingsFit: AlertSettings = {} as UserSettings
void _settingsFit
