import { describe, expect, it } from 'vitest'
import { InstanceChanges } from './instance-changes'
import { newRecord } from './registry'
import { beat } from './test-support/heartbeats'

const heartbeat = (instance: string) => beat({ service: 'api', instance })

describe('InstanceChanges', () => {
  it('lists each changed record once per drain, and again after the drain when it changes again', () => {
    const changes = new InstanceChanges()
    const a = newRecord('src', heartbeat('a'), 0, 0)
    const b = newRecord('src', heartbeat('b'), 0, 0)
    changes.mark(a)
    changes.mark(a)
    changes.mark(b)
    expect([...changes.drain().changed]).toEqual([a, b])

    expect([...changes.drain().changed]).toEqual([])
    changes.mark(b)
    expect([...changes.drain().changed]).toEqual([b])
  })

  it('sends a forgotten record as removed, not as changed, even if it is marked after', () => {
    const changes = new InstanceChanges()
    const a = newRecord('src', heartbeat('a'), 0, 0)
    changes.mark(a)
    changes.markForgotten(a)
    changes.mark(a)
    const drained = changes.drain()
    expect([...drained.changed]).toEqual([])
    expect([...drained.removedIds]).toEqual([a.id])
  })
})
