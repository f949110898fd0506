/**
 * An intrusive binary min-heap of deadlines: each entry carries its own deadline and heap position, so
 * set, delete and peek cost O(log n) with no map lookups. The engine arms a single timer for the
 * earliest deadline of any number of services.
 */
export interface HeapEntry {
  /** The deadline the heap orders by; only the heap writes it. */
  heapDeadlineMs: number
  /** Position in the heap, or -1 when not in it; only the heap writes it. */
  heapIndex: number
}

export class DeadlineHeap<T extends HeapEntry> {
  private readonly entries: T[] = []

  get size(): number {
    return this.entries.length
  }

  has(entry: T): boolean {
    return entry.heapIndex >= 0
  }

  /** Adds the entry or moves its deadline. */
  set(entry: T, deadlineMs: number): void {
    if (entry.heapIndex < 0) {
      entry.heapDeadlineMs = deadlineMs
      entry.heapIndex = this.entries.length
      this.entries.push(entry)
      this.siftUp(entry.heapIndex)
      return
    }
    const previous = entry.heapDeadlineMs
    entry.heapDeadlineMs = deadlineMs
    if (deadlineMs < previous) this.siftUp(entry.heapIndex)
    else if (deadlineMs > previous) this.siftDown(entry.heapIndex)
  }

  delete(entry: T): void {
    const position = entry.heapIndex
    if (position < 0) return
    const last = this.entries.pop() as T
    entry.heapIndex = -1
    if (last === entry) return
    this.entries[position] = last
    last.heapIndex = position
    this.siftUp(position)
    this.siftDown(last.heapIndex)
  }

  peek(): T | null {
    return this.entries[0] ?? null
  }

  /** Moves the earliest entry to a later deadline: one sift instead of a delete and an insert. */
  postponeTop(deadlineMs: number): void {
    const top = this.entries[0]
    if (top === undefined || deadlineMs < top.heapDeadlineMs)
      throw new Error('postponeTop needs a later deadline')
    top.heapDeadlineMs = deadlineMs
    this.siftDown(0)
  }

  /** Removes and returns every entry whose deadline is at or before nowMs, earliest first. */
  popDue(nowMs: number): T[] {
    const due: T[] = []
    for (let top = this.entries[0]; top !== undefined && top.heapDeadlineMs <= nowMs; top = this.entries[0]) {
      due.push(top)
      this.delete(top)
    }
    return due
  }

  private siftUp(start: number): void {
    const entries = this.entries
    const moving = entries[start] as T
    let child = start
    while (child > 0) {
      const parentIndex = (child - 1) >> 1
      const parent = entries[parentIndex] as T
      if (parent.heapDeadlineMs <= moving.heapDeadlineMs) break
      entries[child] = parent
      parent.heapIndex = child
      child = parentIndex
    }
    entries[child] = moving
    moving.heapIndex = child
  }

  private siftDown(start: number): void {
    const entries = this.entries
    const count = entries.length
    const moving = entries[start] as T
    let parent = start
    for (;;) {
      const left = 2 * parent + 1
      if (left >= count) break
      const right = left + 1
      let smallest = left
      if (right < count && (entries[right] as T).heapDeadlineMs < (entries[left] as T).heapDeadlineMs)
        smallest = right
      const child = entries[smallest] as T
      if (child.heapDeadlineMs >= moving.heapDeadlineMs) break
      entries[parent] = child
      child.heapIndex = parent
      parent = smallest
    }
    entries[parent] = moving
    moving.heapIndex = parent
  }
}
