/** Issue 8: a restart is not a death. Scenarios on a fake clock, through the monitor. */
import { describe, expect, it } from 'vitest'
import type { Heartbeat } from './heartbeat'
import { Monitor, type Instant, type Transition } from './monitor'
import { DEFAULT_DETECTION, type DetectionSettings } from './settings'

const SOURCE = 'redis://test'
const INTERVAL_MS = 1_000 // declared: stale after 1.5 s, dead after 3 s
const at = (monoMs: number): Instant => ({ monoMs, wallMs: 1_700_000_000_000 + monoMs })

function setup(settings: Partial<DetectionSettings> = {}) {
  const monitor = new Monitor({ ...DEFAULT_DETECTION, ...settings })
  monitor.addSource(SOURCE)
  monitor.setSourceConnected(SOURCE, true, at(0))
  const transitions: Transition[] = []
  const beat = (instance: string, t: number, over: Partial<Heartbeat> = {}): void => {
    const result = monitor.ingest(
      SOURCE,
      {
        service: 'tracker_fetcher',
        instance,
        host: null,
        sentAtMs: null,
        declaredIntervalMs: INTERVAL_MS,
        reported: null,
        goodbye: false,
        fields: {},
        beatMarker: null,
        ...over,
      },
      at(t),
    )
    if (!result.ok) throw new Error(result.reason)
    transitions.push(...result.transitions)
  }
  /** Beats `instance` every interval over [from, to]. */
  const run = (instance: string, from: number, to: number, over: Partial<Heartbeat> = {}): void => {
    for (let t = from; t <= to; t += INTERVAL_MS) beat(instance, t, over)
  }
  const advance = (untilMs: number): void => {
    for (
      let next = monitor.nextDeadlineMs();
      next !== null && next <= untilMs;
      next = monitor.nextDeadlineMs()
    ) {
      transitions.push(...monitor.tick(at(next)))
    }
  }
  const stateOf = (instance: string) => monitor.get(`${SOURCE}|tracker_fetcher|${instance}`)?.state
  const silences = (instance = 'old') =>
    transitions.filter((t) => t.instance === instance && (t.to === 'stale' || t.to === 'dead'))
  return { monitor, transitions, beat, run, advance, stateOf, silences }
}

describe('replacement', () => {
  it('never retires a part whose id is its lasting name (seed 002): silent parts go stale and dead', () => {
    const { run, advance, stateOf, silences } = setup()
    const part = { replaceable: false }
    run('host:db', 0, 5_000, part)
    run('queue:inbox', 0, 10_000, part) // the publisher stopped checking the host, not restarted
    run('queue:outbox', 5_500, 10_000, part) // a part added to its config as another went quiet
    advance(20_000)
    expect(silences('host:db').map((t) => t.to)).toEqual(['stale', 'dead'])
    expect(stateOf('queue:outbox')).toBe('dead')
  })

  it('a restart under a new id retires the old instance as gone, with no stale or dead event', () => {
    const { run, advance, stateOf, silences, monitor } = setup()
    run('old', 0, 10_000)
    run('new', 10_800, 20_000) // the restart took 0.8 s
    advance(30_000)
    expect(stateOf('old')).toBe('gone')
    expect(monitor.get(`${SOURCE}|tracker_fetcher|old`)?.replacedBy).toBe(`${SOURCE}|tracker_fetcher|new`)
    expect(silences()).toEqual([])
  })

  it('a rolling deploy that starts the new instance first retires the old one when it falls silent', () => {
    const { run, advance, stateOf, silences, transitions } = setup()
    run('old', 0, 10_000)
    run('new', 9_000, 20_000)
    advance(30_000)
    expect(stateOf('old')).toBe('gone')
    expect(silences()).toEqual([])
    expect(transitions.find((t) => t.to === 'gone')?.reason).toBe('replaced by new')
  })

  it('a crash with no replacement is dead', () => {
    const { run, advance, stateOf } = setup()
    run('old', 0, 10_000)
    advance(30_000)
    expect(stateOf('old')).toBe('dead')
  })

  it('a replacement that comes late, after the old one went stale, still retires it', () => {
    const { run, advance, stateOf, transitions } = setup()
    run('old', 0, 10_000)
    advance(12_000) // stale at 11.5 s
    run('new', 12_500, 20_000)
    advance(30_000)
    expect(stateOf('old')).toBe('gone')
    expect(transitions.filter((t) => t.instance === 'old').map((t) => t.to)).toEqual([
      'alive',
      'stale',
      'gone',
    ])
  })

  it('a newcomer more than one dead interval after the last heartbeat replaces nothing', () => {
    const { run, advance, stateOf } = setup()
    run('old', 0, 10_000)
    advance(20_000)
    run('new', 20_000, 25_000)
    advance(25_000)
    expect(stateOf('old')).toBe('dead')
  })

  it('two of three replicas killed and one restarted leaves exactly one dead', () => {
    const { run, advance, stateOf } = setup()
    run('a', 0, 10_000)
    run('b', 0, 10_000)
    run('c', 0, 30_000)
    run('d', 10_500, 30_000)
    advance(30_000)
    expect(['a', 'b'].map(stateOf).sort()).toEqual(['dead', 'gone'])
    expect(stateOf('c')).toBe('alive')
    expect(stateOf('d')).toBe('alive')
  })

  it('respects hosts where both are known', () => {
    const { run, advance, stateOf } = setup()
    run('old', 0, 10_000, { host: 'web-1' })
    run('new', 10_500, 20_000, { host: 'web-2' })
    advance(20_000)
    expect(stateOf('old')).toBe('dead')
  })

  it('purges a gone instance after the retention, keeping its history', () => {
    const { run, advance, monitor, transitions } = setup({ goneRetentionMs: 60_000 })
    run('old', 0, 10_000)
    run('new', 10_500, 100_000)
    advance(70_000)
    expect(monitor.get(`${SOURCE}|tracker_fetcher|old`)).toBeDefined()
    advance(80_000)
    expect(monitor.get(`${SOURCE}|tracker_fetcher|old`)).toBeUndefined()
    expect(transitions.some((t) => t.instance === 'old' && t.to === 'gone')).toBe(true)
  })

  it('keeps gone instances when the retention is 0', () => {
    const { run, advance, monitor } = setup({ goneRetentionMs: 0 })
    run('old', 0, 10_000)
    run('new', 10_500, 20_000)
    advance(10_000_000)
    expect(monitor.get(`${SOURCE}|tracker_fetcher|old`)?.state).toBe('gone')
  })
})
