import { describe, expect, it } from 'vitest'
import type { Heartbeat } from './heartbeat'
import { Monitor, type Instant, type Transition } from './monitor'
import { DEFAULT_DETECTION } from './settings'

const SOURCE = 'redis://test'
const at = (monoMs: number): Instant => ({ monoMs, wallMs: 1_700_000_000_000 + monoMs })
const beat = (instance: string): Heartbeat => ({
  service: 'worker',
  instance,
  host: null,
  sentAtMs: null,
  declaredIntervalMs: 1_000,
  reported: null,
  goodbye: false,
  fields: {},
  beatMarker: null,
})
const states = (transitions: readonly Transition[]): string[] =>
  transitions.map((t) => `${t.instance} ${t.from}→${t.to}@${t.atMs}`)

/** Two instances beating every 1 s (stale after 1.5 s, dead after 3 s); `late` last beat at 0, `fresh` at 1 000. */
function monitorWithTwo(): Monitor {
  const monitor = new Monitor(DEFAULT_DETECTION)
  monitor.addSource(SOURCE)
  monitor.setSourceConnected(SOURCE, true, at(0))
  monitor.ingest(SOURCE, beat('late'), at(0))
  monitor.ingest(SOURCE, beat('fresh'), at(1_000))
  return monitor
}

describe('Monitor.graceAll', () => {
  it('after a stall, gives grace to the overdue only, which then have one stale interval before stale', () => {
    const monitor = monitorWithTwo()
    // The event loop stalled from 1 000 to 2 000: `late` (due at 1 500) is overdue, `fresh` (due at 2 500) is not.
    expect(states(monitor.graceAll(at(2_000), 'event loop stalled', true))).toEqual([
      'late alive→unknown@2000',
    ])
    expect(monitor.get(`${SOURCE}|worker|fresh`)?.state).toBe('alive')
    expect(states(monitor.tick(at(3_499)))).toEqual(['fresh alive→stale@3499'])
    expect(states(monitor.tick(at(3_500)))).toEqual(['late unknown→stale@3500'])
  })

  it('after a resume, gives every live instance grace, and a heartbeat ends it', () => {
    const monitor = monitorWithTwo()
    monitor.retire(`${SOURCE}|worker|fresh`, 'stopped', at(1_100), 'said goodbye')
    expect(states(monitor.graceAll(at(1_200), 'system resumed'))).toEqual(['late alive→unknown@1200'])
    expect(monitor.get(`${SOURCE}|worker|fresh`)?.state).toBe('stopped')
    monitor.ingest(SOURCE, beat('late'), at(1_300))
    expect(monitor.get(`${SOURCE}|worker|late`)?.state).toBe('alive')
  })
})
