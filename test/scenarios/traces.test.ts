/** Issue 5: scripted traces on a fake clock, in the fixed (1.5× / 3×) and adaptive (φ) modes. */
import { describe, expect, it } from 'vitest'
import { LEARN_WINDOW } from '../../src/main/core/interval'
import { adaptiveThresholds } from '../../src/main/core/phi'
import { payloadOf, skewOf } from '../../src/main/core/registry'
import {
  at,
  beatTimes,
  falseDeads,
  MODES,
  population,
  runScript,
  seededRandom,
  settingsFor,
  verdict,
  type Mode,
  type Script,
  type Trace,
} from './scenario-harness'

const INSTANCES = 100
const END_MS = 120_000

/** Three in ten die at a random moment well before the end; the rest beat throughout. */
function someDie(random: () => number, jitter: number): Script {
  const traces = population(random, INSTANCES, (intervalMs) => {
    const dies = random() < 0.3
    const untilMs = dies ? 10_000 + Math.floor(random() * (END_MS - 40_000)) : END_MS
    return { beatsMs: beatTimes(random, intervalMs, 0, untilMs, jitter), dies }
  })
  return { traces, windows: [], endMs: END_MS }
}

function expectTrustworthy(script: Script, mode: Mode) {
  const run = runScript(script, settingsFor(mode))
  const { violations, deathsChecked } = verdict(script, run)
  expect(falseDeads(script, run)).toEqual([])
  expect(violations).toEqual([])
  return { run, deathsChecked }
}

describe.each(MODES)('%s detection', (mode) => {
  it('steady publishers: no false dead, every death on time', () => {
    const script = someDie(seededRandom(1), 0)
    const { run, deathsChecked } = expectTrustworthy(script, mode)
    expect(deathsChecked).toBe(script.traces.filter((t) => t.dies).length)
    // The mode is really in force: φ's deadlines are its own, and φ is shown only in adaptive mode.
    const fixedDeadAfter = script.traces.every((trace, i) =>
      run.delivered[i]?.every((beat) => beat.deadAfterMs === 3 * trace.intervalMs),
    )
    expect(fixedDeadAfter).toBe(mode === 'fixed')
    const survivor = script.traces.findIndex((t) => !t.dies)
    const record = run.monitor.get(`scenario://test|svc-${survivor}|main`)
    const phi = record ? run.monitor.phiOf(record, END_MS) : undefined
    if (mode === 'fixed') expect(phi).toBeNull()
    else expect(phi).toBeGreaterThanOrEqual(0)
  })

  it('±40 % jitter: no false dead, every death on time', () => {
    const script = someDie(seededRandom(2), 0.4)
    const { deathsChecked } = expectTrustworthy(script, mode)
    expect(deathsChecked).toBe(script.traces.filter((t) => t.dies).length)
  })

  it('a long GC pause shorter than the stale threshold is neither stale nor dead', () => {
    const random = seededRandom(3)
    const traces = population(random, INSTANCES, (intervalMs) => {
      const before = beatTimes(random, intervalMs, 0, 20_000 + Math.floor(random() * 40_000))
      const pauseMs = Math.floor(0.95 * staleAfterMs(before, intervalMs, mode))
      const resumeMs = (before.at(-1) ?? 0) + pauseMs
      return { beatsMs: [...before, ...beatTimes(() => 0, intervalMs, resumeMs, END_MS)], dies: false }
    })
    const script: Script = { traces, windows: [], endMs: END_MS }
    const { run } = expectTrustworthy(script, mode)
    expect(run.transitions.filter((t) => t.to === 'stale' || t.to === 'dead')).toEqual([])
  })

  it('clock skew far ahead and far behind changes nothing: same transitions as without it', () => {
    const random = seededRandom(4)
    const script = someDie(random, 0.2)
    const DAY_MS = 86_400_000
    const skewed: Script = {
      ...script,
      traces: script.traces.map((trace, i) => ({ ...trace, skewMs: i % 2 === 0 ? DAY_MS : -DAY_MS })),
    }
    const plain = expectTrustworthy(script, mode).run
    const { run } = expectTrustworthy(skewed, mode)
    const summary = (t: { service: string; to: string; atMs: number }) => `${t.service} ${t.to} ${t.atMs}`
    expect(run.transitions.map(summary)).toEqual(plain.transitions.map(summary))
    const record = run.monitor.get('scenario://test|svc-0|main')
    expect(record && skewOf(record, payloadOf(record), at(END_MS))).toBe(DAY_MS)
  })

  it('flapping: every silence long enough is dead on time, every shorter one never dead', () => {
    const random = seededRandom(5)
    const FLAP_END_MS = 240_000 // a minute of quiet at the end: φ learns the long silences too
    const traces = population(random, INSTANCES, (intervalMs) => {
      const beatsMs: number[] = []
      for (let fromMs = 0; fromMs < FLAP_END_MS - 60_000;) {
        const upMs = intervalMs * (3 + Math.floor(random() * 6))
        beatsMs.push(...beatTimes(random, intervalMs, fromMs, fromMs + upMs, 0.1))
        const downMs = intervalMs * (random() < 0.5 ? 1 + random() * 1.5 : 4 + random() * 4)
        fromMs = (beatsMs.at(-1) ?? fromMs) + Math.round(downMs)
      }
      return { beatsMs, dies: true }
    })
    const script: Script = { traces, windows: [], endMs: FLAP_END_MS }
    const { run, deathsChecked } = expectTrustworthy(script, mode)
    expect(deathsChecked).toBeGreaterThan(INSTANCES * 3) // φ learns long silences: fewer are deaths
    expect(run.transitions.filter((t) => t.from === 'dead' && t.to === 'alive').length).toBeGreaterThan(
      INSTANCES * 2,
    )
  })

  it('mass death: all stop at once, each declared dead by its own deadline + 50 ms', () => {
    const random = seededRandom(6)
    const STOP_MS = 60_000
    const traces: Trace[] = population(random, INSTANCES * 5, (intervalMs) => ({
      beatsMs: beatTimes(random, intervalMs, 0, STOP_MS, 0.2),
      dies: true,
    }))
    const script: Script = { traces, windows: [], endMs: END_MS }
    const { run, deathsChecked } = expectTrustworthy(script, mode)
    expect(deathsChecked).toBe(traces.length)
    expect(run.transitions.filter((t) => t.to === 'dead' && t.atMs < STOP_MS)).toEqual([])
  })
})

/** The stale threshold the monitor will hold after these beats (the same functions it uses). */
function staleAfterMs(beatsMs: readonly number[], intervalMs: number, mode: Mode): number {
  const gapsMs = beatsMs.slice(1).map((ms, i) => ms - (beatsMs[i] as number))
  const fixedMs = Math.round(1.5 * intervalMs)
  if (mode === 'fixed') return fixedMs
  return (
    adaptiveThresholds(gapsMs.slice(-LEARN_WINDOW), intervalMs, settingsFor(mode))?.staleAfterMs ?? fixedMs
  )
}
