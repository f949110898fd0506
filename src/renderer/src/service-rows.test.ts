import { describe, expect, it } from 'vitest'
import type { ServiceState } from '../../shared/model'
import { buildServiceList, type ListExpansion, type ListFilter, type ListRow } from './service-rows'
import type { SortMode } from './service-order'
import { instanceView } from './test-support/views'

const OPEN: ListExpansion = {
  collapsedSources: new Set(),
  collapsedServices: new Set(),
  expandedGone: new Set(),
}

function filter(over: { states?: ServiceState[]; text?: string; sort?: SortMode } = {}): ListFilter {
  return { states: new Set(over.states ?? []), text: over.text ?? '', sort: over.sort ?? 'severity' }
}

/** Rows as short strings, to read a whole list in one line. */
function outline(rows: readonly ListRow[]): string[] {
  return rows.map((row) => {
    switch (row.kind) {
      case 'source':
        return `# ${row.sourceId}`
      case 'service':
        return `${row.rollup.service}: ${row.rollup.summary}`
      case 'instance':
        return `${row.nested ? '  ' : ''}${row.id.split('|').slice(1).join('/')}`
      case 'gone':
        return `  ${row.count} gone${row.expanded ? '' : ' ▸'}`
    }
  })
}

const fleet = [
  instanceView('tracker_fetcher|a', { state: 'alive', host: 'node-1' }),
  instanceView('tracker_fetcher|b', { state: 'dead', host: 'node-2' }),
  instanceView('tracker_fetcher|c', { state: 'alive' }),
  instanceView('tracker_fetcher|old1', { state: 'gone', replacedBy: 'redis://x|tracker_fetcher|a' }),
  instanceView('tracker_fetcher|old2', { state: 'gone' }),
  instanceView('geo|g1', { state: 'stale' }),
  instanceView('api|x', { state: 'alive', source: 'amqp://y' }),
]

describe('buildServiceList', () => {
  it('groups by source, then by service with its instances nested, gone ones apart and closed', () => {
    const list = buildServiceList(fleet, ['redis://x', 'amqp://y'], filter(), OPEN)
    expect(outline(list.rows)).toEqual([
      '# redis://x',
      'tracker_fetcher: 2 of 3 alive, 1 dead, 2 gone',
      '  tracker_fetcher/b',
      '  tracker_fetcher/a',
      '  tracker_fetcher/c',
      '  2 gone ▸',
      'geo/g1',
      '# amqp://y',
      'api/x',
    ])
    expect(list.total).toBe(7)
    const service = list.rows[1]
    expect(service?.kind === 'service' && service.rollup).toMatchObject({
      state: 'dead',
      id: 'redis://x|tracker_fetcher',
    })
  })

  it('opens the gone instances on request', () => {
    const list = buildServiceList(fleet, ['redis://x'], filter(), {
      ...OPEN,
      expandedGone: new Set(['redis://x|tracker_fetcher']),
    })
    expect(outline(list.rows).slice(5, 8)).toEqual([
      '  2 gone',
      '  tracker_fetcher/old1',
      '  tracker_fetcher/old2',
    ])
  })

  it('hides what a collapsed source or service holds', () => {
    const list = buildServiceList(fleet, ['redis://x', 'amqp://y'], filter(), {
      ...OPEN,
      collapsedSources: new Set(['amqp://y']),
      collapsedServices: new Set(['redis://x|tracker_fetcher']),
    })
    expect(outline(list.rows)).toEqual([
      '# redis://x',
      'tracker_fetcher: 2 of 3 alive, 1 dead, 2 gone',
      'geo/g1',
      '# amqp://y',
    ])
  })

  it('filters by state, keeping the full rollup on the service row and counting every state on the chips', () => {
    const list = buildServiceList(
      fleet,
      ['redis://x', 'amqp://y'],
      filter({ states: ['dead', 'stale'] }),
      OPEN,
    )
    expect(outline(list.rows)).toEqual([
      '# redis://x',
      'tracker_fetcher: 2 of 3 alive, 1 dead, 2 gone',
      '  tracker_fetcher/b',
      'geo/g1',
    ])
    expect(list.counts).toMatchObject({ alive: 3, dead: 1, stale: 1, gone: 2 })
    expect(list.matching).toBe(2)
  })

  it('searches service, instance, host and source, every word', () => {
    const ids = (text: string): string[] =>
      buildServiceList(fleet, [], filter({ text }), OPEN)
        .rows.filter((row) => row.kind === 'instance')
        .map((row) => (row.kind === 'instance' ? (row.id.split('|').at(-1) ?? '') : ''))
    expect(ids('node-2')).toEqual(['b'])
    expect(ids('GEO')).toEqual(['g1'])
    expect(ids('amqp')).toEqual(['x'])
    expect(ids('tracker old')).toEqual(['old1', 'old2'])
    expect(ids('nothing-like-this')).toEqual([])
  })

  it('shows the gone instances of a service when filtering for gone', () => {
    const list = buildServiceList(fleet, ['redis://x'], filter({ states: ['gone'] }), OPEN)
    expect(outline(list.rows)).toEqual([
      '# redis://x',
      'tracker_fetcher: 2 of 3 alive, 1 dead, 2 gone',
      '  2 gone',
      '  tracker_fetcher/old1',
      '  tracker_fetcher/old2',
    ])
  })

  it('sorts services by severity, by name with numbers in order, or longest silent first', () => {
    const services = [
      instanceView('worker-10|i', { lastSeen: '2026-01-01T00:00:05Z' }),
      instanceView('worker-2|i', { state: 'stale', lastSeen: '2026-01-01T00:00:01Z' }),
      instanceView('worker-1|i', { lastSeen: '2026-01-01T00:00:09Z' }),
      instanceView('never|i', { state: 'unknown', lastSeen: null }),
    ]
    const order = (sort: SortMode): string[] =>
      outline(buildServiceList(services, ['redis://x'], filter({ sort }), OPEN).rows).slice(1)
    expect(order('severity')).toEqual(['worker-2/i', 'never/i', 'worker-1/i', 'worker-10/i'])
    expect(order('name')).toEqual(['never/i', 'worker-1/i', 'worker-2/i', 'worker-10/i'])
    expect(order('age')).toEqual(['never/i', 'worker-2/i', 'worker-10/i', 'worker-1/i'])
  })

  it('keeps sources in their configured order and lists a source with nothing yet', () => {
    const list = buildServiceList([instanceView('a|1', { source: 'b://' })], ['c://', 'b://'], filter(), OPEN)
    expect(outline(list.rows)).toEqual(['# c://', '# b://', 'a/1'])
    const filtered = buildServiceList(
      [instanceView('a|1', { source: 'b://' })],
      ['c://', 'b://'],
      filter({ text: 'a' }),
      OPEN,
    )
    expect(outline(filtered.rows)).toEqual(['# b://', 'a/1'])
  })

  it('builds 10,000 rows quickly', () => {
    const services = Array.from({ length: 10_000 }, (_, n) =>
      instanceView(`svc-${n}|i`, { state: n % 97 === 0 ? 'dead' : 'alive' }),
    )
    const started = performance.now()
    const list = buildServiceList(services, ['redis://x'], filter(), OPEN)
    expect(list.rows).toHaveLength(10_001)
    // Tens of ms on a busy 2-core CI box; the bound only catches a quadratic slip.
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
