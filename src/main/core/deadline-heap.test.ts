import { describe, expect, it } from 'vitest'
import { DeadlineHeap, type HeapEntry } from './deadline-heap'

interface Entry extends HeapEntry {
  id: string
}
const entry = (id: string): Entry => ({ id, heapDeadlineMs: 0, heapIndex: -1 })

describe('DeadlineHeap', () => {
  it('pops due entries earliest first and keeps the rest', () => {
    const heap = new DeadlineHeap<Entry>()
    const [a, b, c] = [entry('a'), entry('b'), entry('c')]
    heap.set(c, 30)
    heap.set(a, 10)
    heap.set(b, 20)
    expect(heap.peek()?.id).toBe('a')
    expect(heap.popDue(20).map((e) => e.id)).toEqual(['a', 'b'])
    expect(heap.size).toBe(1)
    expect(heap.has(a)).toBe(false)
    expect(heap.peek()?.id).toBe('c')
  })

  it('moves a deadline later or earlier and deletes', () => {
    const heap = new DeadlineHeap<Entry>()
    const [a, b] = [entry('a'), entry('b')]
    heap.set(a, 10)
    heap.set(b, 20)
    heap.set(a, 25)
    expect(heap.peek()?.id).toBe('b')
    heap.set(a, 5)
    expect(heap.peek()?.id).toBe('a')
    heap.delete(a)
    expect(heap.has(a)).toBe(false)
    expect(heap.peek()?.id).toBe('b')
    heap.delete(b)
    expect(heap.peek()).toBeNull()
  })

  it('agrees with a sort over many random operations', () => {
    let seed = 42
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const heap = new DeadlineHeap<Entry>()
    const entries = Array.from({ length: 300 }, (_, i) => entry(`s${i}`))
    const truth = new Map<string, number>()
    for (let step = 0; step < 5_000; step++) {
      const chosen = entries[Math.floor(random() * entries.length)] as Entry
      if (random() < 0.2) {
        heap.delete(chosen)
        truth.delete(chosen.id)
      } else {
        const deadline = Math.floor(random() * 10_000)
        heap.set(chosen, deadline)
        truth.set(chosen.id, deadline)
      }
    }
    const expected = [...truth.entries()].filter(([, d]) => d <= 5_000).sort((x, y) => x[1] - y[1])
    const popped = heap.popDue(5_000)
    expect(popped.map((e) => truth.get(e.id))).toEqual(expected.map(([, d]) => d))
    expect(new Set(popped.map((e) => e.id))).toEqual(new Set(expected.map(([id]) => id)))
    expect(heap.size).toBe(truth.size - expected.length)
  })
})
