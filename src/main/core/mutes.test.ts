import { describe, expect, it } from 'vitest'
import { Mutes } from './mutes'

describe('Mutes', () => {
  it('mutes an instance until a time', () => {
    const mutes = new Mutes()
    mutes.mute('s|svc|a', 1_000)
    expect(mutes.muteOf('s|svc|a', 's|svc', 999)).toEqual({ untilWallMs: 1_000 })
    expect(mutes.muteOf('s|svc|a', 's|svc', 1_000)).toBeNull()
  })

  it('mutes a whole service, and ends until-recovered mutes when it is well again', () => {
    const mutes = new Mutes()
    mutes.mute('s|svc', null)
    mutes.mute('s|svc|a', null)
    expect(mutes.muteOf('s|svc|b', 's|svc', 0)).toEqual({ untilWallMs: null })
    expect(mutes.recovered('s|svc|a', 's|svc', true)).toBe(true)
    expect(mutes.muteOf('s|svc|a', 's|svc', 0)).toEqual({ untilWallMs: null })
    mutes.recovered('s|svc|b', 's|svc', false)
    expect(mutes.muteOf('s|svc|b', 's|svc', 0)).toBeNull()
  })

  it('snoozes everything until a time and survives a restart, dropping what expired', () => {
    const mutes = new Mutes()
    mutes.snoozedUntilWallMs = 5_000
    mutes.mute('old', 100)
    mutes.mute('kept', null)
    const restored = Mutes.restore(JSON.parse(JSON.stringify(mutes)), 1_000)
    expect(restored.isSnoozed(4_999)).toBe(true)
    expect(restored.isSnoozed(5_000)).toBe(false)
    expect(restored.toJSON().mutes).toEqual({ kept: { untilWallMs: null } })
  })
})
