import { describe, expect, it } from 'vitest'
import type { Heartbeat } from './heartbeat'
import { Monitor, type Instant, type Transition } from './monitor'
import { DEFAULT_DETECTION } from './settings'
import { beat } from './test-support/heartbeats'

const SOURCE = 'redis://test'
const at = (monoMs: number): Instant => ({ monoMs, wallMs: 1_700_000_000_000 + monoMs })

function connectedMonitor(settings = DEFAULT_DETECTION): Monitor {
  const monitor = new Monitor(settings)
  monitor.addSource(SOURCE)
  monitor.setSourceConnected(SOURCE, true, at(0))
  return monitor
}

function ingest(monitor: Monitor, heartbeat: Heartbeat, now: Instant): readonly Transition[] {
  const result = monitor.ingest(SOURCE, heartbeat, now)
  if (!result.ok) throw new Error(result.reason)
  return result.transitions
}

/** Runs the detector as the engine does: tick at each deadline up to `untilMs`. */
function runUntil(monitor: Monitor, untilMs: number): Transition[] {
  const transitions: Transition[] = []
  for (
    let next = monitor.nextDeadlineMs();
    next !== null && next <= untilMs;
    next = monitor.nextDeadlineMs()
  ) {
    transitions.push(...monitor.tick(at(next)))
  }
  return transitions
}

const states = (transitions: readonly Transition[]): string[] =>
  transitions.map((t) => `${t.from}→${t.to}@${t.atMs}`)

describe('Monitor', () => {
  it('makes a service alive on its first heartbeat, stale at 1.5× and dead at 3× the default 60 s', () => {
    const monitor = connectedMonitor()
    expect(states(ingest(monitor, beat(), at(1_000)))).toEqual(['unknown→alive@1000'])
    expect(states(runUntil(monitor, 1_000_000))).toEqual(['alive→stale@91000', 'stale→dead@181000'])
  })

  it('brings a dead service back to alive on a new heartbeat', () => {
    const monitor = connectedMonitor()
    ingest(monitor, beat(), at(0))
    runUntil(monitor, 200_000)
    expect(states(ingest(monitor, beat(), at(200_000)))).toEqual(['dead→alive@200000'])
  })

  it('learns the interval from the median of gaps once three exist', () => {
    const monitor = connectedMonitor()
    for (const t of [0, 1_000, 2_000, 3_000]) ingest(monitor, beat(), at(t))
    const record = monitor.get(`${SOURCE}|tracker_fetcher|a1`)
    expect(record && monitor.intervalOf(record)).toEqual({ ms: 1_000, origin: 'learned' })
    expect(states(runUntil(monitor, 10_000))).toEqual(['alive→stale@4500', 'stale→dead@6000'])
  })

  it('uses the interval a heartbeat declares', () => {
    const monitor = connectedMonitor()
    ingest(monitor, beat({ declaredIntervalMs: 10_000 }), at(0))
    expect(states(runUntil(monitor, 100_000))).toEqual(['alive→stale@15000', 'stale→dead@30000'])
  })

  it('uses a per-service override from config above all', () => {
    const monitor = connectedMonitor({
      ...DEFAULT_DETECTION,
      overrides: [{ service: 'tracker_*', intervalMs: 2_000 }],
    })
    ingest(monitor, beat({ declaredIntervalMs: 10_000 }), at(0))
    expect(states(runUntil(monitor, 100_000))).toEqual(['alive→stale@3000', 'stale→dead@6000'])
  })

  it('keeps each instance of a service apart', () => {
    const monitor = connectedMonitor()
    for (let t = 0; t <= 200_000; t += 50_000) {
      ingest(monitor, beat({ instance: 'a1' }), at(t))
      ingest(monitor, beat({ instance: 'b2' }), at(t + 1_000))
    }
    ingest(monitor, beat({ instance: 'b2' }), at(250_000))
    const transitions = runUntil(monitor, 280_000)
    expect(transitions.map((t) => `${t.instance}:${t.to}`)).toEqual(['a1:stale'])
    expect(monitor.instanceCount).toBe(2)
  })

  it('makes services unknown, never dead, while their source is down, then grants one stale interval of grace', () => {
    const monitor = connectedMonitor()
    ingest(monitor, beat(), at(0))
    expect(states(monitor.setSourceConnected(SOURCE, false, at(10_000)))).toEqual(['alive→unknown@10000'])
    expect(runUntil(monitor, 1_000_000)).toEqual([])
    expect(monitor.setSourceConnected(SOURCE, true, at(1_000_000))).toEqual([])
    // Grace: nothing can be stale before 1,000,000 + 90,000, however old the last heartbeat.
    expect(states(runUntil(monitor, 2_000_000))).toEqual(['unknown→stale@1090000', 'stale→dead@1180000'])
  })

  it('returns to alive when a service speaks during grace', () => {
    const monitor = connectedMonitor()
    ingest(monitor, beat(), at(0))
    monitor.setSourceConnected(SOURCE, false, at(1_000))
    monitor.setSourceConnected(SOURCE, true, at(5_000))
    expect(states(ingest(monitor, beat(), at(6_000)))).toEqual(['unknown→alive@6000'])
    const record = monitor.get(`${SOURCE}|tracker_fetcher|a1`)
    expect(record?.gapsMs).toEqual([])
  })

  it('marks a goodbye stopped and raises no alarm afterwards', () => {
    const monitor = connectedMonitor()
    ingest(monitor, beat(), at(0))
    expect(states(ingest(monitor, beat({ goodbye: true }), at(1_000)))).toEqual(['alive→stopped@1000'])
    expect(runUntil(monitor, 10_000_000)).toEqual([])
    expect(states(ingest(monitor, beat(), at(20_000)))).toEqual(['stopped→alive@20000'])
  })

  it('refuses new instances past the cap and keeps serving the existing ones', () => {
    const monitor = connectedMonitor({ ...DEFAULT_DETECTION, maxInstances: 2 })
    ingest(monitor, beat({ instance: 'a' }), at(0))
    ingest(monitor, beat({ instance: 'b' }), at(0))
    const refused = monitor.ingest(SOURCE, beat({ instance: 'c' }), at(1))
    expect(refused.ok).toBe(false)
    expect(monitor.ingest(SOURCE, beat({ instance: 'a' }), at(2)).ok).toBe(true)
    expect(monitor.instanceCount).toBe(2)
  })

  it('says why in words', () => {
    const monitor = connectedMonitor()
    ingest(monitor, beat(), at(0))
    const [stale] = runUntil(monitor, 100_000)
    expect(stale?.reason).toBe('no heartbeat for 90 s (stale after 90 s)')
  })

  it('reports what changed since it was last asked', () => {
    const monitor = connectedMonitor()
    monitor.drainChanges()
    ingest(monitor, beat(), at(0))
    ingest(monitor, beat({ instance: 'b2' }), at(1))
    expect([...monitor.drainChanges().changed].map((r) => r.instance)).toEqual(['a1', 'b2'])
    expect(monitor.drainChanges().changed.size).toBe(0)
    monitor.forget(`${SOURCE}|tracker_fetcher|a1`)
    expect([...monitor.drainChanges().removedIds]).toEqual([`${SOURCE}|tracker_fetcher|a1`])
    ingest(monitor, beat(), at(2))
    expect(monitor.drainChanges().removedIds.size).toBe(0)
  })

  it('arms deadlines for 10,000 instances and fires each on time', () => {
    const monitor = connectedMonitor()
    for (let i = 0; i < 10_000; i++) {
      ingest(monitor, beat({ service: `svc-${i}`, instance: `i${i}`, declaredIntervalMs: 1_000 + i }), at(i))
    }
    const transitions = runUntil(monitor, 1_000_000)
    expect(transitions).toHaveLength(20_000)
    for (const transition of transitions) {
      const i = Number(transition.instance.slice(1))
      const factor = transition.to === 'stale' ? 1.5 : 3
      expect(transition.atMs).toBe(i + Math.round((1_000 + i) * factor))
    }
  })

  describe('registry records (polled sources)', () => {
    const record = (marker: string, over: Partial<Heartbeat> = {}): Heartbeat =>
      beat({ beatMarker: marker, ...over })

    it('counts a heartbeat only when the beat marker moves; otherwise updates reported health alone', () => {
      const monitor = connectedMonitor()
      ingest(monitor, record('10:00:00', { reported: 'alive' }), at(0))
      expect(ingest(monitor, record('10:00:00', { reported: 'not_responding' }), at(80_000))).toEqual([])
      const view = monitor.get(`${SOURCE}|tracker_fetcher|a1`)
      expect(view?.reported).toBe('not_responding')
      expect(view?.lastSeenMs).toBe(0)
      expect(states(runUntil(monitor, 95_000))).toEqual(['alive→stale@90000'])
      expect(states(ingest(monitor, record('10:01:35'), at(95_000)))).toEqual(['stale→alive@95000'])
    })

    it('starts a record found in the first scan in grace: unknown, then stale if its marker never moves', () => {
      const monitor = connectedMonitor()
      const result = monitor.ingest(SOURCE, record('2025-05-18 10:00:00'), at(1_000), true)
      expect(result.ok && result.transitions).toEqual([])
      expect(monitor.get(`${SOURCE}|tracker_fetcher|a1`)?.state).toBe('unknown')
      expect(states(runUntil(monitor, 200_000))).toEqual(['unknown→stale@91000', 'stale→dead@181000'])
    })

    it('takes a record whose last heartbeat is older than the gone retention as gone, not an alarm', () => {
      const monitor = connectedMonitor()
      const twoDaysAgo = at(1_000).wallMs - 2 * 86_400_000
      const result = monitor.ingest(
        SOURCE,
        record('2025-05-16 10:00:00', { sentAtMs: twoDaysAgo }),
        at(1_000),
        true,
      )
      expect(result.ok && result.transitions.map((t) => `${t.to}: ${t.reason}`)).toEqual([
        'gone: last heartbeat 48 h before we started watching',
      ])
      expect(runUntil(monitor, 10_000_000)).toEqual([])
    })

    it('never learns an interval shorter than twice the poll period of a polled source', () => {
      const monitor = new Monitor(DEFAULT_DETECTION)
      monitor.addSource(SOURCE, null, 2_000)
      monitor.setSourceConnected(SOURCE, true, at(0))
      for (const t of [0, 1_000, 2_000, 3_000]) ingest(monitor, record(String(t)), at(t))
      const learned = monitor.get(`${SOURCE}|tracker_fetcher|a1`)
      expect(learned && monitor.intervalOf(learned)).toEqual({ ms: 2_000, origin: 'learned' })
    })

    it('makes a record first seen after the initial scan alive at once', () => {
      const monitor = connectedMonitor()
      expect(states(ingest(monitor, record('10:00:00'), at(5)))).toEqual(['unknown→alive@5'])
    })
  })

  describe('retiring an instance', () => {
    const id = `${SOURCE}|tracker_fetcher|a1`

    it('stops one that its own system removed cleanly, with no alarm after', () => {
      const monitor = connectedMonitor()
      ingest(monitor, beat(), at(0))
      expect(monitor.retire(id, 'stopped', at(10), 'removed by its own clean stop')?.to).toBe('stopped')
      expect(runUntil(monitor, 10_000_000)).toEqual([])
    })

    it('marks one gone, replaced, until it speaks again', () => {
      const monitor = connectedMonitor()
      ingest(monitor, beat(), at(0))
      const transition = monitor.retire(id, 'gone', at(10), 'replaced', `${SOURCE}|tracker_fetcher|b2`)
      expect(transition && `${transition.from}→${transition.to}`).toBe('alive→gone')
      expect(monitor.get(id)?.replacedBy).toBe(`${SOURCE}|tracker_fetcher|b2`)
      monitor.setSourceConnected(SOURCE, false, at(20))
      expect(monitor.get(id)?.state).toBe('gone')
      monitor.setSourceConnected(SOURCE, true, at(30))
      expect(runUntil(monitor, 10_000_000)).toEqual([])
      expect(states(ingest(monitor, beat(), at(10_000_001)))).toEqual(['gone→alive@10000001'])
      expect(monitor.get(id)?.replacedBy).toBeNull()
    })
  })
})
