import { describe, expect, it } from 'vitest'
import { rollUpService } from '../../../../shared/rollup'
import type { ListRow } from '../../service-rows'
import { instanceView } from '../../test-support/views'
import { listKeyAction } from './list-keys'

const members = [instanceView('svc|a'), instanceView('svc|b')]
const rows: ListRow[] = [
  {
    kind: 'source',
    key: 's',
    sourceId: 'redis://x',
    instanceCount: 3,
    counts: {} as never,
    collapsed: false,
  },
  { kind: 'service', key: 'svc', rollup: rollUpService('redis://x|svc', members), collapsed: false },
  { kind: 'instance', key: 'a', id: members[0]!.id, nested: true },
  { kind: 'instance', key: 'b', id: members[1]!.id, nested: true },
  { kind: 'gone', key: 'g', serviceId: 'redis://x|svc', count: 2, expanded: false },
]

describe('list keys', () => {
  it('moves with the arrows, pages and ends, clamped', () => {
    expect(listKeyAction('ArrowDown', rows, -1, 5)).toEqual({ type: 'move', index: 0 })
    expect(listKeyAction('ArrowDown', rows, 4, 5)).toEqual({ type: 'move', index: 4 })
    expect(listKeyAction('ArrowUp', rows, 2, 5)).toEqual({ type: 'move', index: 1 })
    expect(listKeyAction('PageDown', rows, 1, 10)).toEqual({ type: 'move', index: 4 })
    expect(listKeyAction('Home', rows, 3, 5)).toEqual({ type: 'move', index: 0 })
    expect(listKeyAction('End', rows, 0, 5)).toEqual({ type: 'move', index: 4 })
  })

  it('opens with Enter, and closes or opens groups with the side arrows', () => {
    expect(listKeyAction('Enter', rows, 2, 5)).toEqual({ type: 'activate', index: 2 })
    expect(listKeyAction('ArrowLeft', rows, 1, 5)).toEqual({ type: 'expand', index: 1, open: false })
    expect(listKeyAction('ArrowRight', rows, 4, 5)).toEqual({ type: 'expand', index: 4, open: true })
    expect(listKeyAction('ArrowRight', rows, 1, 5)).toEqual({ type: 'none' })
    // On an instance, ← goes to its service.
    expect(listKeyAction('ArrowLeft', rows, 3, 5)).toEqual({ type: 'move', index: 1 })
    expect(listKeyAction('x', rows, 3, 5)).toEqual({ type: 'none' })
    expect(listKeyAction('ArrowDown', [], -1, 5)).toEqual({ type: 'none' })
  })
})
