/**
 * When each instance must next be classified again. Every heartbeat moves an instance's deadline later;
 * its heap entry is then left where it is, earlier than the truth (`dueAtMs`), and moved on only when it
 * comes due. A heartbeat costs no heap work.
 */
import { DeadlineHeap } from './deadline-heap'
import type { InstanceRecord } from './registry'

export class InstanceDeadlines {
  private readonly heap = new DeadlineHeap<InstanceRecord>()

  /** Arms the record's deadline, or disarms it with null. */
  schedule(record: InstanceRecord, deadlineMs: number | null): void {
    record.dueAtMs = deadlineMs
    if (deadlineMs === null) this.heap.delete(record)
    else if (!this.heap.has(record) || record.heapDeadlineMs > deadlineMs) this.heap.set(record, deadlineMs)
  }

  /** The next record whose deadline is at or before nowMs, disarmed, or null when none is due. */
  takeDue(nowMs: number): InstanceRecord | null {
    for (let top = this.heap.peek(); top !== null && top.heapDeadlineMs <= nowMs; top = this.heap.peek()) {
      // An entry left early by `schedule`: move it to its real deadline and look again.
      if (top.dueAtMs !== null && top.dueAtMs > nowMs) {
        this.heap.postponeTop(top.dueAtMs)
        continue
      }
      this.heap.delete(top)
      return top
    }
    return null
  }

  delete(record: InstanceRecord): void {
    this.heap.delete(record)
  }

  /** The earliest deadline armed; it may come early (see `schedule`), never late. */
  nextMs(): number | null {
    return this.heap.peek()?.heapDeadlineMs ?? null
  }
}
