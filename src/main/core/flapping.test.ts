import { describe, expect, it } from 'vitest'
import { FlapDetector, isLivenessChange } from './flapping'

const MIN = 60_000

describe('FlapDetector', () => {
  it('starts flapping at six changes within ten minutes, and not before', () => {
    const flaps = new FlapDetector()
    const verdicts = [0, 1, 2, 3, 4, 5, 6].map((index) =>
      flaps.change('a', index % 2 ? 'alive' : 'stale', index * MIN),
    )
    expect(verdicts).toEqual(['steady', 'steady', 'steady', 'steady', 'steady', 'started', 'flapping'])
  })

  it('does not count changes spread wider than the window', () => {
    const flaps = new FlapDetector()
    const verdicts = [0, 1, 2, 3, 4, 5, 6, 7].map((index) =>
      flaps.change('a', index % 2 ? 'alive' : 'stale', index * 3 * MIN),
    )
    expect(verdicts.every((verdict) => verdict === 'steady')).toBe(true)
  })

  it('settles once no more than two changes remain in the window, in the state of the last', () => {
    const flaps = new FlapDetector()
    for (let index = 0; index < 7; index++) flaps.change('a', index % 2 ? 'alive' : 'dead', index * MIN)
    // Changes at 0…6 min: the window keeps two once the change at 4 min is ten minutes old.
    expect(flaps.nextSettleMs()).toBe(14 * MIN)
    expect(flaps.settle(14 * MIN - 1)).toEqual([])
    expect(flaps.settle(14 * MIN)).toEqual([{ id: 'a', state: 'dead' }])
    expect(flaps.isFlapping('a')).toBe(false)
    expect(flaps.nextSettleMs()).toBeNull()
  })

  it('counts only moves between alive, stale and dead', () => {
    expect(isLivenessChange('alive', 'stale')).toBe(true)
    expect(isLivenessChange('dead', 'alive')).toBe(true)
    expect(isLivenessChange('alive', 'unknown')).toBe(false)
    expect(isLivenessChange('unknown', 'alive')).toBe(false)
    expect(isLivenessChange('dead', 'gone')).toBe(false)
  })
})
