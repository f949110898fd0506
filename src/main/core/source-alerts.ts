/**
 * Source outages as the user hears of them (issue 4): one notification when a source drops, none for
 * its instances (they go unknown); nothing for a blip shorter than the hold; one "is back" when it
 * returns, only if its loss was told.
 */
import type { SourceState } from '../../shared/model'

export type SourceNotice =
  | { kind: 'lost'; sourceId: string; error: string | null; everConnected: boolean }
  | { kind: 'back'; sourceId: string }

interface SourceWatch {
  everConnected: boolean
  /** null until it first connects or fails. */
  up: boolean | null
  error: string | null
  lostDueMs: number | null
  lostTold: boolean
  backDueMs: number | null
}

export class SourceAlerts {
  private readonly watches = new Map<string, SourceWatch>()

  constructor(private readonly lostHoldMs: number) {}

  /** A source's connection changed at `nowMs` (monotonic); true when it just went down. */
  health(sourceId: string, state: SourceState, error: string | null, nowMs: number): boolean {
    if (state === 'stopped') {
      this.watches.delete(sourceId)
      return false
    }
    const watch = this.watchOf(sourceId)
    if (state === 'connected') {
      if (watch.lostDueMs !== null) watch.lostDueMs = null
      else if (watch.lostTold) watch.backDueMs = nowMs
      Object.assign(watch, { everConnected: true, up: true, error: null, lostTold: false })
      return false
    }
    if (error !== null) watch.error = error
    // 'connecting' at start is no news; after a loss it is more of the same.
    if (watch.up === false || (state === 'connecting' && watch.up === null)) return false
    watch.up = false
    watch.lostDueMs = nowMs + this.lostHoldMs
    return true
  }

  forget(sourceId: string): void {
    this.watches.delete(sourceId)
  }

  /**
   * The notices due by `nowMs`. A snoozed loss is not told, so its return is not told either.
   */
  release(nowMs: number, snoozed: boolean): SourceNotice[] {
    const notices: SourceNotice[] = []
    for (const [sourceId, watch] of this.watches) {
      if (watch.backDueMs !== null && watch.backDueMs <= nowMs) {
        watch.backDueMs = null
        if (!snoozed) notices.push({ kind: 'back', sourceId })
      }
      if (watch.lostDueMs === null || watch.lostDueMs > nowMs) continue
      watch.lostDueMs = null
      if (snoozed) continue
      watch.lostTold = true
      notices.push({ kind: 'lost', sourceId, error: watch.error, everConnected: watch.everConnected })
    }
    return notices
  }

  nextDueMs(): number | null {
    let next: number | null = null
    for (const { lostDueMs, backDueMs } of this.watches.values())
      for (const due of [lostDueMs, backDueMs]) if (due !== null && (next === null || due < next)) next = due
    return next
  }

  private watchOf(sourceId: string): SourceWatch {
    let watch = this.watches.get(sourceId)
    if (!watch) {
      watch = {
        everConnected: false,
        up: null,
        error: null,
        lostDueMs: null,
        lostTold: false,
        backDueMs: null,
      }
      this.watches.set(sourceId, watch)
    }
    return watch
  }
}
