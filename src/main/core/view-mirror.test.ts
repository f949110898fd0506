import { describe, expect, it } from 'vitest'
import type { ServiceView, SourceView } from '../../shared/model'
import { ViewMirror } from './view-mirror'

const service = (id: string, state: ServiceView['state']) => ({ id, state }) as ServiceView
const source = (id: string) => ({ id }) as SourceView

describe('ViewMirror', () => {
  it('takes a snapshot whole and patches it with deltas', () => {
    const mirror = new ViewMirror()
    mirror.apply({
      type: 'snapshot',
      snapshot: {
        services: [service('a', 'alive'), service('b', 'alive')],
        sources: [source('s1'), source('s2')],
        history: [],
        settings: {} as never,
        alerts: { snoozedUntil: null },
      },
    })
    mirror.apply({
      type: 'delta',
      delta: {
        services: [service('b', 'dead'), service('a', 'alive')],
        removed: ['a'],
        sources: [],
        removedSources: ['s1'],
        transitions: [],
        alerts: { snoozedUntil: '2026-11-27T07:00:00.000Z' },
      },
    })
    expect([...mirror.services.values()].map((view) => `${view.id} ${view.state}`).sort()).toEqual([
      'a alive',
      'b dead',
    ])
    expect(mirror.sources.map((view) => view.id)).toEqual(['s2'])
    expect(mirror.alerts.snoozedUntil).toBe('2026-11-27T07:00:00.000Z')
  })
})
