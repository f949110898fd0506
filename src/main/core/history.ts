/** The last transitions, oldest first, in a ring: bounded memory, O(1) per transition. */
import type { TransitionView } from '../../shared/model'

export class TransitionHistory {
  private readonly entries: TransitionView[] = []
  private next = 0

  constructor(private readonly capacity = 1000) {}

  add(transition: TransitionView): void {
    if (this.entries.length < this.capacity) this.entries.push(transition)
    else this.entries[this.next] = transition
    this.next = (this.next + 1) % this.capacity
  }

  list(): TransitionView[] {
    if (this.entries.length < this.capacity) return [...this.entries]
    return [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)]
  }
}
