/**
 * Scripted heartbeat traces driven through the Monitor on a fake clock the way the engine drives it:
 * one timer armed at `nextDeadlineMs()`, ticked when it fires; heartbeats ingested as they arrive.
 * Then checked: every silence that outlasts its dead threshold is declared dead within 50 ms of its
 * deadline, and no shorter silence ever is (issue 5).
 */
import type { Heartbeat } from '../../src/main/core/heartbeat'
import { Monitor, type Instant, type Transition } from '../../src/main/core/monitor'
import { DEFAULT_DETECTION, type DetectionSettings } from '../../src/main/core/settings'

export const SOURCE = 'scenario://test'
const WALL_EPOCH_MS = 1_700_000_000_000
/** The bound: every real death detected within its deadline + 50 ms. */
export const DETECTION_SLACK_MS = 50

export const at = (monoMs: number): Instant => ({ monoMs, wallMs: WALL_EPOCH_MS + monoMs })

export type Mode = 'fixed' | 'adaptive'
export const MODES: Mode[] = ['fixed', 'adaptive']

export function settingsFor(mode: Mode): DetectionSettings {
  return { ...DEFAULT_DETECTION, overrides: [], adaptive: mode === 'adaptive' }
}

export interface Trace {
  /** One service per trace, so no instance is ever taken for another's replacement. */
  service: string
  /** What the publisher declares (seed 001 does). */
  intervalMs: number
  /** When the publisher sends, ascending. */
  beatsMs: number[]
  /** It stops for good after its last beat: a real death. */
  dies: boolean
  /** Publisher clock minus ours: its timestamps are this far off. */
  skewMs?: number
}

/** A time we hear nothing: a broker outage (source down), or the system asleep (no timers either). */
export interface Window {
  kind: 'outage' | 'sleep'
  fromMs: number
  toMs: number
}

export interface Script {
  traces: Trace[]
  windows: Window[]
  endMs: number
}

export interface Delivered {
  atMs: number
  /** The instance's thresholds right after this beat: they hold for the silence that follows. */
  staleAfterMs: number
  deadAfterMs: number
}

export interface Run {
  monitor: Monitor
  transitions: Transition[]
  /** Per trace, the beats the monitor actually received. */
  delivered: Delivered[][]
}

interface ScriptEvent {
  atMs: number
  /** Window edges go before beats at the same instant. */
  order: number
  apply: () => void
}

export function runScript(script: Script, settings: DetectionSettings): Run {
  const monitor = new Monitor(settings)
  monitor.addSource(SOURCE)
  const transitions: Transition[] = [...monitor.setSourceConnected(SOURCE, true, at(0))]
  const delivered: Delivered[][] = script.traces.map(() => [])
  const events: ScriptEvent[] = []
  let asleep = false

  for (const window of script.windows) {
    events.push({
      atMs: window.fromMs,
      order: 0,
      apply: () => {
        if (window.kind === 'sleep') asleep = true
        else transitions.push(...monitor.setSourceConnected(SOURCE, false, at(window.fromMs)))
      },
    })
    events.push({
      atMs: window.toMs,
      order: 0,
      apply: () => {
        if (window.kind === 'outage') {
          transitions.push(...monitor.setSourceConnected(SOURCE, true, at(window.toMs)))
          return
        }
        asleep = false
        transitions.push(...monitor.graceAll(at(window.toMs), 'system resumed'))
      },
    })
  }
  script.traces.forEach((trace, index) => {
    for (const beatMs of trace.beatsMs) {
      if (script.windows.some((w) => beatMs >= w.fromMs && beatMs < w.toMs)) continue
      events.push({ atMs: beatMs, order: 1, apply: () => deliver(trace, index, beatMs) })
    }
  })

  function deliver(trace: Trace, index: number, beatMs: number): void {
    const now = at(beatMs)
    const result = monitor.ingest(SOURCE, heartbeatOf(trace, now), now)
    if (!result.ok) throw new Error(result.reason)
    transitions.push(...result.transitions)
    const record = monitor.get(result.id)
    if (!record) throw new Error(`no record for ${result.id}`)
    delivered[index]?.push({ atMs: beatMs, ...monitor.thresholdsOf(record) })
  }

  /** The engine's timer: it fires at each armed deadline, unless the machine is asleep. */
  function fireTimersUntil(untilMs: number): void {
    if (asleep) return
    for (
      let next = monitor.nextDeadlineMs();
      next !== null && next <= untilMs;
      next = monitor.nextDeadlineMs()
    ) {
      transitions.push(...monitor.tick(at(next)))
    }
  }

  events.sort((a, b) => a.atMs - b.atMs || a.order - b.order)
  for (const event of events) {
    fireTimersUntil(event.atMs)
    event.apply()
  }
  fireTimersUntil(script.endMs)
  return { monitor, transitions, delivered }
}

function heartbeatOf(trace: Trace, now: Instant): Heartbeat {
  return {
    service: trace.service,
    instance: 'main',
    host: null,
    sentAtMs: trace.skewMs === undefined ? null : now.wallMs + trace.skewMs,
    declaredIntervalMs: trace.intervalMs,
    reported: null,
    goodbye: false,
    fields: {},
    beatMarker: null,
    replaceable: false,
  }
}

export interface Verdict {
  /** Each a sentence naming the service and the times. */
  violations: string[]
  /** Silences long enough to be dead, each checked against its deadline. */
  deathsChecked: number
}

/**
 * Walks every silence between delivered beats (and after the last, for a trace that dies). Its
 * deadline is the last beat plus the dead threshold, moved to the end of an outage or sleep that began
 * before it (one interval of grace is given then). A silence that reaches its deadline must go dead
 * within DETECTION_SLACK_MS of it and not before; one that does not must never go dead.
 */
export function verdict(script: Script, run: Run): Verdict {
  const violations: string[] = []
  let deathsChecked = 0
  script.traces.forEach((trace, index) => {
    const beats = run.delivered[index] ?? []
    const deadsMs = run.transitions
      .filter((t) => t.service === trace.service && t.to === 'dead')
      .map((t) => t.atMs)
    beats.forEach((beat, k) => {
      const last = k === beats.length - 1
      const silenceEndMs = last ? script.endMs : (beats[k + 1]?.atMs ?? script.endMs)
      const deadlineMs = deadlineAfter(beat, script.windows)
      const dead = deadsMs.find((ms) => ms > beat.atMs && ms <= silenceEndMs)
      if (deadlineMs <= silenceEndMs) {
        deathsChecked++
        if (dead === undefined) {
          violations.push(`${trace.service}: silent since ${beat.atMs}, not dead by ${deadlineMs}`)
        } else if (dead < deadlineMs || dead - deadlineMs > DETECTION_SLACK_MS) {
          violations.push(`${trace.service}: silent since ${beat.atMs}, dead at ${dead}, due ${deadlineMs}`)
        }
      } else if (dead !== undefined) {
        violations.push(`${trace.service}: false dead at ${dead}, beat at ${beat.atMs}, due ${deadlineMs}`)
      } else if (last && trace.dies) {
        violations.push(`${trace.service}: death at ${beat.atMs} due after the script ends; lengthen it`)
      }
    })
  })
  return { violations, deathsChecked }
}

function deadlineAfter(beat: Delivered, windows: readonly Window[]): number {
  let referenceMs = beat.atMs
  for (const window of [...windows].sort((a, b) => a.fromMs - b.fromMs)) {
    if (window.toMs > referenceMs && referenceMs + beat.deadAfterMs > window.fromMs) {
      referenceMs = window.toMs
    }
  }
  return referenceMs + beat.deadAfterMs
}

/** Services that went dead though their publisher never stopped. */
export function falseDeads(script: Script, run: Run): string[] {
  const survivors = new Set(script.traces.filter((t) => !t.dies).map((t) => t.service))
  return run.transitions.filter((t) => t.to === 'dead' && survivors.has(t.service)).map((t) => t.service)
}

/** Mulberry32: a small seeded generator, so every run sees the same traces. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** Beats every `intervalMs` (± `jitter` of it, uniformly) from a random phase after `fromMs` to `toMs`. */
export function beatTimes(
  random: () => number,
  intervalMs: number,
  fromMs: number,
  toMs: number,
  jitter = 0,
): number[] {
  const times: number[] = []
  for (let t = fromMs + Math.floor(random() * intervalMs); t < toMs;) {
    times.push(t)
    t += Math.round(intervalMs * (1 + jitter * (2 * random() - 1)))
  }
  return times
}

/** An interval from 0.5 s to 2 s, in steps of 10 ms. */
export function randomIntervalMs(random: () => number): number {
  return 500 + 10 * Math.floor(random() * 151)
}

/** `count` traces, each built from its index and a random interval. */
export function population(
  random: () => number,
  count: number,
  build: (intervalMs: number, index: number) => Omit<Trace, 'service' | 'intervalMs'>,
): Trace[] {
  return Array.from({ length: count }, (_, index) => {
    const intervalMs = randomIntervalMs(random)
    return { service: `svc-${index}`, intervalMs, ...build(intervalMs, index) }
  })
}
