import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineEvent } from '../shared/api'
import type { Delta, Snapshot } from '../shared/model'
import { BATCH_MS, BridgeHub, type EventFeed } from './bridge-hub'

/** A feed whose every change is one more pending delta; it counts the deltas built and dropped. */
function changingFeed() {
  const listeners = new Set<() => void>()
  let pending = false
  const counts = { built: 0, dropped: 0 }
  const feed: EventFeed = {
    snapshot: () => ({}) as Snapshot,
    takeDelta: () => {
      if (!pending) return null
      pending = false
      counts.built++
      return { services: [], removed: [], sources: [], removedSources: [], transitions: [] } as Delta
    },
    dropDelta: () => {
      if (pending) counts.dropped++
      pending = false
    },
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    feed,
    counts,
    change() {
      pending = true
      for (const listener of listeners) listener()
    },
  }
}

describe('BridgeHub', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
  })
  afterEach(() => vi.useRealTimers())

  it('sends at most one delta every BATCH_MS, however fast things change', () => {
    const { feed, change } = changingFeed()
    const hub = new BridgeHub(feed, () => Date.now())
    const deltaAtMs: number[] = []
    hub.connect((event: EngineEvent) => event.type === 'delta' && deltaAtMs.push(Date.now()))
    for (let ms = 0; ms < 2_000; ms++) {
      change()
      vi.advanceTimersByTime(1)
    }
    hub.close()
    // A change every millisecond for two seconds: the first at once, then one every BATCH_MS.
    expect(deltaAtMs).toEqual(Array.from({ length: 2_000 / BATCH_MS + 1 }, (_, i) => i * BATCH_MS))
  })

  it('waits out a timer that fires early, as Node timers do after a long tick', () => {
    const { feed, change } = changingFeed()
    // The hub's clock runs ahead of the timers' while a tick is long: Node times a timer from the
    // event loop's cached clock, stale by as much as the tick has taken so far.
    let tickTakenMs = 0
    const hub = new BridgeHub(feed, () => Date.now() + tickTakenMs)
    const deltaAtMs: number[] = []
    hub.connect((event: EngineEvent) => event.type === 'delta' && deltaAtMs.push(Date.now()))
    change()
    vi.advanceTimersByTime(0)
    expect(deltaAtMs).toEqual([0])

    tickTakenMs = 40
    change()
    tickTakenMs = 0
    vi.advanceTimersByTime(BATCH_MS - 40)
    expect(deltaAtMs).toEqual([0])
    vi.advanceTimersByTime(40)
    expect(deltaAtMs).toEqual([0, BATCH_MS])
    hub.close()
  })

  it('builds no delta while no UI is connected, and sends the next one once one is', () => {
    const { feed, change, counts } = changingFeed()
    const hub = new BridgeHub(feed, () => Date.now())
    for (let ms = 0; ms < 1_000; ms++) {
      change()
      vi.advanceTimersByTime(1)
    }
    expect(counts).toEqual({ built: 0, dropped: 1_000 / BATCH_MS + 1 })

    const events: EngineEvent['type'][] = []
    hub.connect((event: EngineEvent) => events.push(event.type))
    change()
    vi.advanceTimersByTime(BATCH_MS)
    expect(events).toEqual(['snapshot', 'delta'])
    expect(counts.built).toBe(1)
    hub.close()
  })
})
