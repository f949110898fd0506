/** Which instances changed, and which were forgotten, since the views last looked: what a delta carries. */
import type { InstanceRecord } from './registry'

export interface Changes {
  changed: Set<InstanceRecord>
  removedIds: Set<string>
}

export class InstanceChanges {
  private current: Changes = { changed: new Set(), removedIds: new Set() }
  /** Which drain a record's `changeEpoch` refers to: a record marked since this one is in `changed`. */
  private epoch = 0

  // Every heartbeat marks its record: a number compared spares a hash-set probe on all but the first.
  mark(record: InstanceRecord): void {
    if (record.changeEpoch === this.epoch) return
    record.changeEpoch = this.epoch
    this.current.changed.add(record)
  }

  /** A new record under an id forgotten since the last drain: that id is no longer removed. */
  markAdded(record: InstanceRecord): void {
    this.current.removedIds.delete(record.id)
  }

  markForgotten(record: InstanceRecord): void {
    this.current.changed.delete(record)
    this.current.removedIds.add(record.id)
  }

  /** The changes since the last call. */
  drain(): Changes {
    const changes = this.current
    this.current = { changed: new Set(), removedIds: new Set() }
    this.epoch++
    return changes
  }
}
