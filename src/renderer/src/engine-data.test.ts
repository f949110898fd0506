import { describe, expect, it } from 'vitest'
import type { Delta, ServiceView, SourceView, TransitionView } from '../../shared/model'
import { applyEngineEvent, HISTORY_LIMIT, NO_ENGINE_DATA } from './engine-data'
import { parseServerFrame } from './bridge/ws-frames'
import { sortBySeverity } from './service-order'
import { formatAge, formatDurationMs } from './time-format'

const service = (id: string, over: Partial<ServiceView> = {}): ServiceView => ({
  id,
  service: id.split('|')[0] ?? id,
  instance: id.split('|')[1] ?? id,
  host: null,
  source: 'redis://x',
  state: 'alive',
  since: '2026-01-01T00:00:00.000Z',
  lastSeen: null,
  ageMs: null,
  expectedIntervalMs: 60_000,
  intervalOrigin: 'default',
  staleAfterMs: 90_000,
  deadAfterMs: 180_000,
  reported: null,
  skewMs: null,
  heartbeats: 1,
  payload: {},
  gapsMs: [],
  replacedBy: null,
  replaces: null,
  muted: null,
  ...over,
})
const source = (id: string, received = 0): SourceView => ({
  id,
  url: id,
  kind: 'redis-pubsub',
  state: 'connected',
  since: '2026-01-01T00:00:00.000Z',
  lastError: null,
  received,
  rejected: 0,
  lastRejections: [],
  details: {},
})
const transition = (n: number): TransitionView => ({
  id: 'a|1',
  service: 'a',
  instance: '1',
  source: 's',
  from: 'alive',
  to: 'stale',
  at: new Date(n).toISOString(),
  reason: '',
})
const delta = (over: Partial<Delta>): Delta => ({
  services: [],
  removed: [],
  sources: [],
  removedSources: [],
  transitions: [],
  ...over,
})

describe('applyEngineEvent', () => {
  const snapshot = applyEngineEvent(NO_ENGINE_DATA, {
    type: 'snapshot',
    snapshot: {
      services: [service('a|1'), service('b|1')],
      sources: [source('s1'), source('s2')],
      history: [],
      settings: null as never,
      alerts: { snoozedUntil: null },
    },
  })

  it('replaces everything with a snapshot', () => {
    expect(Object.keys(snapshot.services)).toEqual(['a|1', 'b|1'])
    expect(snapshot.hasSnapshot).toBe(true)
  })

  it('patches with a delta: removals first, then upserts; sources kept in order, removed ones dropped', () => {
    const next = applyEngineEvent(snapshot, {
      type: 'delta',
      delta: delta({
        services: [service('a|1', { state: 'dead' }), service('c|1')],
        removed: ['b|1'],
        sources: [source('s2', 9)],
        removedSources: ['s1'],
      }),
    })
    expect(Object.keys(next.services).sort()).toEqual(['a|1', 'c|1'])
    expect(next.services['a|1']?.state).toBe('dead')
    expect(next.sources.map((s) => [s.id, s.received])).toEqual([['s2', 9]])
  })

  it('returns the same object for an empty delta, so nothing re-renders', () => {
    expect(applyEngineEvent(snapshot, { type: 'delta', delta: delta({}) })).toBe(snapshot)
  })

  it('caps the history', () => {
    const many = Array.from({ length: HISTORY_LIMIT + 20 }, (_, n) => transition(n))
    const next = applyEngineEvent(snapshot, { type: 'delta', delta: delta({ transitions: many }) })
    expect(next.history).toHaveLength(HISTORY_LIMIT)
    expect(next.history.at(-1)).toEqual(many.at(-1))
  })
})

describe('view helpers', () => {
  it('sorts worst first, then by name with numbers in order', () => {
    const sorted = sortBySeverity([
      service('w|10'),
      service('w|2'),
      service('z|1', { state: 'dead' }),
      service('a|1', { state: 'stale' }),
    ])
    expect(sorted.map((s) => s.id)).toEqual(['z|1', 'a|1', 'w|2', 'w|10'])
  })

  it('says ages and durations as people read them', () => {
    const now = Date.parse('2026-01-01T00:01:00.000Z')
    expect(formatAge('2026-01-01T00:00:59.600Z', now)).toBe('just now')
    expect(formatAge('2026-01-01T00:00:48.000Z', now)).toBe('12 s ago')
    expect(formatAge(null, now)).toBe('never')
    expect(formatDurationMs(1_500)).toBe('1.5 s')
    expect(formatDurationMs(125_000)).toBe('2 min 5 s')
  })

  it('refuses malformed frames from the socket', () => {
    expect(parseServerFrame('not json')).toBeNull()
    expect(parseServerFrame('{"type":"delta","delta":{"services":[]}}')).toBeNull()
    expect(parseServerFrame('{"type":"result","id":1,"result":{"ok":true}}')).toEqual({
      type: 'result',
      id: 1,
      result: { ok: true },
    })
  })
})
