import { beforeEach, describe, expect, it } from 'vitest'
import { SOURCE, Scene } from './test-support/alert-policy-harness'

let scene: Scene
beforeEach(() => {
  scene = new Scene()
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
