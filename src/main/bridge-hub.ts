/**
 * Fans the engine out to every connected UI: a snapshot when one connects, then deltas batched at most
 * every BATCH_MS whatever the heartbeat rate. UIs never see a message per heartbeat.
 */
import type { EngineEvent } from '../shared/api'
import type { Delta, Snapshot } from '../shared/model'

/** What the hub fans out: the controller in the app, anything with the same three calls in tests. */
export interface EventFeed {
  snapshot(): Snapshot
  takeDelta(): Delta | null
  onChange(listener: () => void): () => void
}

export const BATCH_MS = 250

export type EventSink = (event: EngineEvent) => void

export class BridgeHub {
  private readonly sinks = new Set<EventSink>()
  private flushTimer: NodeJS.Timeout | null = null
  private lastFlushMs = 0
  private readonly unsubscribe: () => void

  constructor(private readonly feed: EventFeed) {
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
    const waitMs = Math.max(0, this.lastFlushMs + BATCH_MS - Date.now())
    this.flushTimer = setTimeout(() => this.flush(), waitMs)
  }

  private flush(): void {
    this.flushTimer = null
    this.lastFlushMs = Date.now()
    // Drained even with no UI connected, so pending changes never pile up.
    const delta = this.feed.takeDelta()
    if (!delta) return
    const event: EngineEvent = { type: 'delta', delta }
    for (const sink of this.sinks) sink(event)
  }
}
