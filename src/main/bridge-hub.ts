/**
 * Fans the engine out to every connected UI: a snapshot when one connects, then deltas batched at most
 * every BATCH_MS whatever the heartbeat rate. UIs never see a message per heartbeat. With no UI
 * connected (headless, nobody looking), changes are dropped unbuilt: a UI that connects gets a snapshot.
 * Snapshots and deltas carry list rows; a UI that inspects one instance is also sent its whole view.
 */
import { performance } from 'node:perf_hooks'
import type { EngineEvent } from '../shared/api'
import type { Delta, ServiceView, Snapshot } from '../shared/model'

/** What the hub fans out: the controller in the app, anything with the same calls in tests. */
export interface EventFeed {
  snapshot(): Snapshot
  takeDelta(): Delta | null
  /** Forgets the pending delta without building it. */
  dropDelta(): void
  /** One instance whole, or null if it is not known. */
  serviceView(id: string): ServiceView | null
  onChange(listener: () => void): () => void
}

export const BATCH_MS = 250

export type EventSink = (event: EngineEvent) => void

/** One UI's link to the hub, and its say in what it is sent. */
export interface BridgeConnection {
  /** A fresh snapshot, on the UI's request. */
  resend(): void
  /**
   * The whole view of one instance, now and after every delta that changes it; null stops. Says
   * whether the instance is known (an unknown one is sent once it appears and then changes).
   */
  inspect(id: string | null): boolean
  close(): void
}

interface Link {
  sink: EventSink
  inspecting: string | null
}

export class BridgeHub {
  private readonly links = new Set<Link>()
  private flushTimer: NodeJS.Timeout | null = null
  private lastFlushMs = -Infinity
  private readonly unsubscribe: () => void

  /** `nowMs`: a monotonic clock, so a wall-clock jump can neither stall the deltas nor hurry them. */
  constructor(
    private readonly feed: EventFeed,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.unsubscribe = feed.onChange(() => this.scheduleFlush())
  }

  /** Sends the sink a snapshot at once, then every batched delta until the connection is closed. */
  connect(sink: EventSink): BridgeConnection {
    const link: Link = { sink, inspecting: null }
    this.links.add(link)
    sink({ type: 'snapshot', snapshot: this.feed.snapshot() })
    return {
      resend: () => sink({ type: 'snapshot', snapshot: this.feed.snapshot() }),
      inspect: (id) => {
        link.inspecting = id
        const view = id === null ? null : this.feed.serviceView(id)
        if (view) sink({ type: 'view', view })
        return id === null || view !== null
      },
      close: () => this.links.delete(link),
    }
  }

  close(): void {
    this.unsubscribe()
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.links.clear()
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return
    this.flushTimer = setTimeout(() => this.flush(), this.waitMs())
  }

  private waitMs(): number {
    return Math.max(0, Math.ceil(this.lastFlushMs + BATCH_MS - this.nowMs()))
  }

  private flush(): void {
    // Node times a timer from the event loop's cached clock, which a long tick leaves behind: the timer
    // can fire before BATCH_MS has passed. The spacing is the promise, so the rest is waited out.
    const earlyMs = this.waitMs()
    if (earlyMs > 0) {
      this.flushTimer = setTimeout(() => this.flush(), earlyMs)
      return
    }
    this.flushTimer = null
    this.lastFlushMs = this.nowMs()
    // Drained even with no UI connected, so pending changes never pile up; but then rows of 10,000
    // services a second would be built for nobody.
    if (this.links.size === 0) return this.feed.dropDelta()
    const delta = this.feed.takeDelta()
    if (!delta) return
    const event: EngineEvent = { type: 'delta', delta }
    const views = this.inspectedViews(delta)
    for (const link of this.links) {
      link.sink(event)
      const view = link.inspecting === null ? undefined : views.get(link.inspecting)
      if (view) link.sink({ type: 'view', view })
    }
  }

  /** The whole views of inspected instances that the delta changed, each built once for all links. */
  private inspectedViews(delta: Delta): Map<string, ServiceView> {
    const views = new Map<string, ServiceView>()
    const inspected = new Set<string>()
    for (const link of this.links) if (link.inspecting !== null) inspected.add(link.inspecting)
    if (inspected.size === 0) return views
    for (const row of delta.services) {
      if (!inspected.has(row.id)) continue
      const view = this.feed.serviceView(row.id)
      if (view) views.set(row.id, view)
    }
    return views
  }
}
