import { describe, expect, it } from 'vitest'
import { StormWindow } from './storm-window'

describe('storm window', () => {
  it('is no storm below the count, and a storm at it', () => {
    const storm = new StormWindow(5, 10_000)
    storm.arrived(0, 4)
    expect(storm.isStorm(1_500)).toBe(false)
    storm.arrived(1_600)
    expect(storm.isStorm(3_000)).toBe(true)
  })

  it('forgets arrivals once they leave the window', () => {
    const storm = new StormWindow(3, 10_000)
    storm.arrived(0, 2)
    storm.arrived(9_000)
    expect(storm.isStorm(10_000)).toBe(false)
    storm.arrived(10_500, 2)
    expect(storm.isStorm(11_000)).toBe(true)
  })

  it('after a storm goes out, holds the next batch a window and calls it the same storm however thin', () => {
    const storm = new StormWindow(5, 10_000)
    expect(storm.earliestReleaseMs()).toBe(0)
    storm.arrived(0, 5)
    expect(storm.isStorm(1_500)).toBe(true)
    storm.released(1_500)
    expect(storm.earliestReleaseMs()).toBe(11_500)
    storm.arrived(11_000)
    expect(storm.isStorm(11_500)).toBe(true)
    expect(storm.isStorm(11_501)).toBe(false)
  })
})
