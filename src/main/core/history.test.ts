import { describe, expect, it } from 'vitest'
import type { TransitionView } from '../../shared/model'
import { TransitionHistory } from './history'

const transition = (n: number): TransitionView => ({
  id: `s|svc|${n}`,
  service: 'svc',
  instance: String(n),
  source: 's',
  from: 'alive',
  to: 'stale',
  at: new Date(n).toISOString(),
  reason: '',
})

describe('TransitionHistory', () => {
  it('keeps the last transitions oldest first, bounded', () => {
    const history = new TransitionHistory(3)
    for (let n = 1; n <= 2; n++) history.add(transition(n))
    expect(history.list().map((t) => t.instance)).toEqual(['1', '2'])
    for (let n = 3; n <= 7; n++) history.add(transition(n))
    expect(history.list().map((t) => t.instance)).toEqual(['5', '6', '7'])
  })
})
