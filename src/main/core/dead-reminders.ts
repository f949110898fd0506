/**
 * Reminders while an instance stays dead (issue 4: every N minutes, off by default). Every dead instance
 * is tracked whatever the settings say, so turning reminders on later, or a snooze ending, still finds
 * the ones that have been dead all along.
 */
import type { TransitionView } from '../../shared/model'

export interface DeadEntry {
  transition: TransitionView
  deadSinceMs: number
  remindedMs: number
}

export class DeadReminders {
  /** In the order of their last reminder (a Map keeps insertion order): the first is due first. */
  private readonly dead = new Map<string, DeadEntry>()

  /** Any transition of an instance: `→ dead` starts its clock, anything else stops it. */
  transition(view: TransitionView, nowMs: number): void {
    this.dead.delete(view.id)
    if (view.to === 'dead')
      this.dead.set(view.id, { transition: view, deadSinceMs: nowMs, remindedMs: nowMs })
  }

  get(id: string): DeadEntry | undefined {
    return this.dead.get(id)
  }

  forgetSource(sourceId: string): void {
    for (const [id, entry] of this.dead) if (entry.transition.source === sourceId) this.dead.delete(id)
  }

  /** Those due for a reminder at `nowMs`, each then due again `everyMs` later. */
  due(nowMs: number, everyMs: number): DeadEntry[] {
    if (everyMs <= 0) return []
    const due: DeadEntry[] = []
    for (const entry of this.dead.values()) {
      if (entry.remindedMs + everyMs > nowMs) break
      due.push(entry)
    }
    for (const entry of due) {
      this.dead.delete(entry.transition.id)
      entry.remindedMs = nowMs
      this.dead.set(entry.transition.id, entry)
    }
    return due
  }

  nextDueMs(everyMs: number): number | null {
    const first = this.dead.values().next()
    return everyMs <= 0 || first.done ? null : first.value.remindedMs + everyMs
  }
}
