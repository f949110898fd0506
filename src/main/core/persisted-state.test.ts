import { describe, expect, it } from 'vitest'
import type { Heartbeat } from './heartbeat'
import { Monitor, type Instant } from './monitor'
import { parsePersistedState, persistRecord, type PersistedState } from './persisted-state'
import { DEFAULT_DETECTION } from './settings'

const SOURCE = 'redis://test'
const beat = (instance: string, over: Partial<Heartbeat> = {}): Heartbeat => ({
  service: 'svc',
  instance,
  host: null,
  sentAtMs: null,
  declaredIntervalMs: 1_000,
  reported: 'ok',
  goodbye: false,
  fields: {},
  beatMarker: null,
  ...over,
})

function monitorAt(now: Instant): Monitor {
  const monitor = new Monitor(DEFAULT_DETECTION)
  monitor.addSource(SOURCE)
  monitor.setSourceConnected(SOURCE, true, now)
  return monitor
}

describe('persisted state', () => {
  it('brings instances back unknown in grace, keeping last seen, learned gaps, stops and replacements', () => {
    const before = monitorAt({ monoMs: 0, wallMs: 1_000_000 })
    for (const t of [0, 1_000, 2_000, 3_000])
      before.ingest(SOURCE, beat('a', { declaredIntervalMs: null }), { monoMs: t, wallMs: 1_000_000 + t })
    before.ingest(SOURCE, beat('b', { goodbye: true }), { monoMs: 3_000, wallMs: 1_003_000 })
    const savedAt: Instant = { monoMs: 3_500, wallMs: 1_003_500 }
    const state: PersistedState = {
      version: 1,
      savedAtWallMs: savedAt.wallMs,
      instances: [...before.all()].map((r) => persistRecord(r, savedAt)),
    }
    const parsed = parsePersistedState(JSON.stringify(state))
    if (!parsed.ok) throw new Error(parsed.error)

    // The app restarts 10 s later, with a fresh monotonic clock.
    const restart: Instant = { monoMs: 50, wallMs: 1_013_500 }
    const after = monitorAt(restart)
    expect(after.restore(parsed.value.instances, restart)).toBe(2)
    const a = after.get(`${SOURCE}|svc|a`)
    expect(a?.state).toBe('unknown')
    expect(a && restart.wallMs - (restart.monoMs - (a.lastSeenMs as number))).toBe(1_003_000)
    expect(a && after.intervalOf(a)).toEqual({ ms: 1_000, origin: 'learned' })
    expect(after.get(`${SOURCE}|svc|b`)?.state).toBe('stopped')
    // Grace: nothing can be stale before one stale interval after the restart.
    expect(after.nextDeadlineMs()).toBe(50 + 1_500)
    expect(
      after.tick({ monoMs: 1_550, wallMs: 1_015_000 }).map((t) => `${t.instance}:${t.from}→${t.to}`),
    ).toEqual(['a:unknown→stale'])
  })

  it('skips instances of sources no longer watched, and refuses a malformed file', () => {
    const after = monitorAt({ monoMs: 0, wallMs: 0 })
    const instance = {
      ...persistRecord(monitorAt({ monoMs: 0, wallMs: 0 }).get('x') ?? fakeRecord(), {
        monoMs: 0,
        wallMs: 0,
      }),
    }
    expect(after.restore([{ ...instance, sourceId: 'redis://elsewhere' }], { monoMs: 0, wallMs: 0 })).toBe(0)
    expect(parsePersistedState('{"version": 1, "savedAtWallMs": 1, "instances": [{"sourceId": 3}]}')).toEqual(
      { ok: false, error: 'instance 0 is malformed' },
    )
    expect(parsePersistedState('garbage').ok).toBe(false)
  })
})

function fakeRecord() {
  const monitor = monitorAt({ monoMs: 0, wallMs: 0 })
  monitor.ingest(SOURCE, beat('z'), { monoMs: 0, wallMs: 0 })
  return monitor.get(`${SOURCE}|svc|z`) as NonNullable<ReturnType<Monitor['get']>>
}
