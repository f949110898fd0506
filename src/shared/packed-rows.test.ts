import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ServiceRow } from './model'
import { packRows, unpackRows } from './packed-rows'
import { parseServerFrame, wsFrameOf } from './ws-frames'

const text = fc.string({ maxLength: 12 })
const time = fc.integer({ min: 0, max: 4e12 }).map((ms) => new Date(ms).toISOString())
const row: fc.Arbitrary<ServiceRow> = fc
  .record({
    source: fc.constantFrom('redis://a', 'push://127.0.0.1:9', 'amqp://b'),
    service: text,
    instance: text,
    unusualId: fc.option(text, { nil: null }),
    host: fc.option(text, { nil: null }),
    state: fc.constantFrom('alive', 'stale', 'dead', 'stopped', 'gone', 'unknown' as const),
    since: time,
    lastSeen: fc.option(time, { nil: null }),
    expectedIntervalMs: fc.integer({ min: 1, max: 86_400_000 }),
    intervalOrigin: fc.constantFrom('config', 'declared', 'learned', 'default' as const),
    reported: fc.option(text, { nil: null }),
    heartbeats: fc.nat(),
    metrics: fc.record(
      { cpuPercent: fc.double({ noNaN: true }), memoryMb: fc.double({ noNaN: true }), load: fc.double() },
      { requiredKeys: [] },
    ),
    replacedBy: fc.option(text, { nil: null }),
    muted: fc.option(fc.record({ until: fc.option(time, { nil: null }) }), { nil: null }),
    flapping: fc.boolean(),
  })
  .map(({ unusualId, flapping, ...fields }) => {
    const view: ServiceRow = {
      id: unusualId ?? `${fields.source}|${fields.service}|${fields.instance}`,
      ...fields,
    }
    if (flapping) view.flapping = true
    return view
  })

describe('packed rows', () => {
  it('unpack what they pack, through JSON, field for field', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const wire = JSON.parse(JSON.stringify(packRows(rows))) as unknown
        expect(unpackRows(wire)).toEqual(JSON.parse(JSON.stringify(rows)))
      }),
      { numRuns: 300 },
    )
  })

  it('send each source once and a usual id not at all', () => {
    const rows = fc.sample(row, { numRuns: 50, seed: 7 })
    const packed = packRows(rows)
    expect(packed.sources.length).toBeLessThanOrEqual(3)
    const usual = rows.filter((r) => r.id === `${r.source}|${r.service}|${r.instance}`).length
    expect(packed.rows.filter((fields) => fields[0] === null)).toHaveLength(usual)
  })

  it('refuse what packRows does not make', () => {
    expect(unpackRows(null)).toBeNull()
    expect(unpackRows({ sources: ['a'], rows: [[null, 0, 'svc']] })).toBeNull()
    expect(unpackRows({ sources: [7], rows: [] })).toBeNull()
    const [fields] = packRows(fc.sample(row, { numRuns: 1, seed: 1 })).rows
    expect(unpackRows({ sources: [], rows: [fields] })).toBeNull()
    expect(unpackRows({ sources: ['a'], rows: [] })).toEqual([])
  })
})

describe('WebSocket frames', () => {
  it('carry a snapshot and a delta with their rows packed, and read back the same events', () => {
    const rows = fc.sample(row, { numRuns: 5, seed: 3 })
    const snapshot = {
      services: rows,
      sources: [],
      history: [],
      settings: null as never,
      alerts: { snoozedUntil: null },
    }
    const frame = wsFrameOf({ type: 'snapshot', snapshot })
    expect(frame.type === 'snapshot' && Array.isArray(frame.snapshot.services)).toBe(false)
    expect(parseServerFrame(JSON.stringify(frame))).toEqual(
      JSON.parse(JSON.stringify({ type: 'snapshot', snapshot })),
    )
    const delta = { services: rows, removed: ['x'], sources: [], removedSources: [], transitions: [] }
    expect(parseServerFrame(JSON.stringify(wsFrameOf({ type: 'delta', delta })))).toEqual(
      JSON.parse(JSON.stringify({ type: 'delta', delta })),
    )
    expect(
      parseServerFrame(JSON.stringify({ type: 'delta', delta: { ...delta, services: rows } })),
    ).toBeNull()
  })
})
