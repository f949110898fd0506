import { describe, expect, it } from 'vitest'
import { ArrivalClock } from './clock'

describe('ArrivalClock', () => {
  it('gives the messages of one synchronous run one instant, and the next run a fresh one', async () => {
    const clock = new ArrivalClock()
    const first = clock.now()
    expect(clock.now()).toBe(first)

    await new Promise((resolve) => setTimeout(resolve, 5))

    const later = clock.now()
    expect(later).not.toBe(first)
    expect(later.monoMs).toBeGreaterThanOrEqual(first.monoMs + 4)
  })

  it('reads the clocks again within a long run, so no arrival is stamped long before it was handled', () => {
    const clock = new ArrivalClock()
    const instants = new Set(Array.from({ length: 1_000 }, () => clock.now()))

    expect(instants.size).toBeGreaterThanOrEqual(4)
    expect(instants.size).toBeLessThanOrEqual(5)
  })
})
