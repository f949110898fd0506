import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EngineEvent } from '../shared/api'
import type { Delta, ServiceRow, ServiceView, Snapshot } from '../shared/model'
import { BATCH_MS, BridgeHub, type EventFeed } from './bridge-hub'

/**
 * A feed whose every change is one more pending delta, of the instances named; it counts the deltas
 * built and dropped, and knows instances "a" and "b", whose views it counts too.
 */
function changingFeed() {
  const listeners = new Set<() => void>()
  let pending: string[] | null = null
  const counts = { built: 0, dropped: 0, views: 0 }
  const feed: EventFeed = {
    snapshot: () => ({}) as Snapshot,
    takeDelta: () => {
      if (!pending) return null
      const services = pending.map((id) => ({ id }) as ServiceRow)
      pending = null
      counts.built++
      return { services, removed: [], sources: [], removedSources: [], transitions: [] } as Delta
    },
    serviceView: (id) => {
      if (id !== 'a' && id !== 'b') return null
      counts.views++
      return { id, payload: { n: counts.views } } as unknown as ServiceView
    },
    dropDelta: () => {
      if (pending) counts.dropped++
      pending = null
    },
    onChange: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return {
    feed,
    counts,
    change(...ids: string[]) {
      pending = [...(pending ?? []), ...ids]
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
    expect(counts).toEqual({ built: 0, dropped: 1_000 / BATCH_MS + 1, views: 0 })

    const events: EngineEvent['type'][] = []
    hub.connect((event: EngineEvent) => events.push(event.type))
    change()
    vi.advanceTimersByTime(BATCH_MS)
    expect(events).toEqual(['snapshot', 'delta'])
    expect(counts.built).toBe(1)
    hub.close()
  })

  it('sends an inspecting UI the whole view of its instance at once and after each delta that changes it', () => {
    const { feed, change, counts } = changingFeed()
    const hub = new BridgeHub(feed, () => Date.now())
    const inspector: string[] = []
    const other: string[] = []
    const said = (event: EngineEvent): string =>
      event.type === 'view' ? `view ${event.view.id} ${String(event.view.payload.n)}` : event.type
    const connection = hub.connect((event) => inspector.push(said(event)))
    hub.connect((event) => other.push(said(event)))

    expect(connection.inspect('a')).toBe(true)
    expect(inspector).toEqual(['snapshot', 'view a 1'])
    change('b')
    vi.advanceTimersByTime(BATCH_MS)
    change('a', 'b')
    vi.advanceTimersByTime(BATCH_MS)
    expect(inspector).toEqual(['snapshot', 'view a 1', 'delta', 'delta', 'view a 2'])
    expect(other).toEqual(['snapshot', 'delta', 'delta'])

    expect(connection.inspect(null)).toBe(true)
    change('a')
    vi.advanceTimersByTime(BATCH_MS)
    expect(inspector.at(-1)).toBe('delta')
    expect(connection.inspect('gone')).toBe(false)
    expect(counts.views).toBe(2)
    hub.close()
  })

  it('stops sending to a closed connection', () => {
    const { feed, change } = changingFeed()
    const hub = new BridgeHub(feed, () => Date.now())
    const events: EngineEvent['type'][] = []
    const connection = hub.connect((event) => events.push(event.type))
    connection.close()
    change('a')
    vi.advanceTimersByTime(BATCH_MS)
    expect(events).toEqual(['snapshot'])
    hub.close()
  })
})
