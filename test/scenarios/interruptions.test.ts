/**
 * Issue 5: silences that are ours, not theirs. A broker outage and a system sleep must not turn into
 * dead services; deaths that happen meanwhile are declared one dead interval after we listen again.
 */
import { describe, expect, it } from 'vitest'
import {
  beatTimes,
  falseDeads,
  MODES,
  population,
  runScript,
  seededRandom,
  settingsFor,
  verdict,
  type Script,
  type Window,
} from './scenario-harness'

const INSTANCES = 100
const END_MS = 180_000

/** Four in ten die at a random moment, some of them while we cannot hear. */
function withWindows(seed: number, windows: Window[]): Script {
  const random = seededRandom(seed)
  const traces = population(random, INSTANCES, (intervalMs) => {
    const dies = random() < 0.4
    const untilMs = dies ? 10_000 + Math.floor(random() * (END_MS - 60_000)) : END_MS
    return { beatsMs: beatTimes(random, intervalMs, 0, untilMs, 0.2), dies }
  })
  return { traces, windows, endMs: END_MS }
}

describe.each(MODES)('%s detection', (mode) => {
  it('broker outages: unknown while down, no false dead after, every death on time', () => {
    const script = withWindows(11, [
      { kind: 'outage', fromMs: 30_000, toMs: 45_000 },
      { kind: 'outage', fromMs: 70_000, toMs: 70_500 },
    ])
    const run = runScript(script, settingsFor(mode))
    const { violations, deathsChecked } = verdict(script, run)
    expect(falseDeads(script, run)).toEqual([])
    expect(violations).toEqual([])
    expect(deathsChecked).toBe(script.traces.filter((t) => t.dies).length)
    const duringOutage = run.transitions.filter((t) => t.atMs > 30_000 && t.atMs < 45_000)
    expect(duringOutage).toEqual([])
  })

  it('resume from a minute of sleep: grace for all, no false dead, every death on time', () => {
    const script = withWindows(12, [{ kind: 'sleep', fromMs: 40_000, toMs: 100_000 }])
    const run = runScript(script, settingsFor(mode))
    const { violations, deathsChecked } = verdict(script, run)
    expect(falseDeads(script, run)).toEqual([])
    expect(violations).toEqual([])
    expect(deathsChecked).toBe(script.traces.filter((t) => t.dies).length)
    const asleep = run.transitions.filter((t) => t.atMs > 40_000 && t.atMs < 100_000)
    expect(asleep).toEqual([])
  })
})
