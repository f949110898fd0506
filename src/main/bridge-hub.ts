/**
 * Fans the engine out to every connected UI: a snapshot when one connects, then deltas batched at most
 * every BATCH_MS whatever the heartbeat rate. UIs never see a message per heartbeat. With no UI
 * connected (headless, nobody looking), changes are dropped unbuilt: a UI that connects gets a snapshot.
 */
import { performance } from 'node:perf_hooks'
import type { EngineEvent } from '../shared/api'
import type { Delta, Snapshot } from '../shared/model'

/** What the hub fans out: the controller in the app, anything with the same calls in tests. */
export interface EventFeed {
  snapshot(): Snapshot
  takeDelta(): Delta | null
  /** Forgets the pending delta without building it. */
  dropDelta(): void
  onChange(listener: () => void): () => void
}

export const BATCH_MS = 250

export type EventSink = (event: EngineEvent) => void

export class BridgeHub {
  private readonly sinks = new Set<EventSink>()
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

  /** Sends the sink a snapshot at once, then every batched delta until the returned function is called. */
  connect(sink: EventSink): () => void {
    this.sinks.add(sink)
    sink({ type: 'snapshot', snapshot: this.feed.snapshot() })
    return () => this.sinks.delete(sink)
  }

  /** A fresh snapshot for one sink, on its request. */
  resend(sink: EventSink): void {
    sink({ type: 'snapshot', snapshot: this.feed.snapshot() })
  }

  close(): void {
    this.unsubscribe()
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.sinks.clear()
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
    // Drained even with no UI connected, so pending changes never pile up; but then views of 10,000
    // services a second would be built for nobody.
    if (this.sinks.size === 0) return this.feed.dropDelta()
    const delta = this.feed.takeDelta()
    if (!delta) return
    const event: EngineEvent = { type: 'delta', delta }
    for (const sink of this.sinks) sink(event)
  }
}
