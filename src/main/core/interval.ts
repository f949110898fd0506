/** The expected interval of an instance: set by the user, declared by it, learned, or the default. */
import type { IntervalOrigin } from '../../shared/model'
import type { Thresholds } from './classify'

/** Learned from the median of the last gaps once there are enough of them (issue 2). */
export const LEARN_WINDOW = 20
export const LEARN_MIN_GAPS = 3
/** A burst of heartbeats must not teach us an interval so short that jitter alone makes it stale. */
export const MIN_LEARNED_INTERVAL_MS = 100

export interface ExpectedInterval {
  ms: number
  origin: IntervalOrigin
}

export interface IntervalInputs {
  overrideMs: number | null
  declaredMs: number | null
  gapsMs: readonly number[]
  sourceDefaultMs: number
  /** A polled source sees beats no closer than its poll period: learned gaps are quantised by it. */
  minLearnedMs?: number
}

export function expectedInterval(inputs: IntervalInputs): ExpectedInterval {
  if (inputs.overrideMs !== null) return { ms: inputs.overrideMs, origin: 'config' }
  if (inputs.declaredMs !== null) return { ms: inputs.declaredMs, origin: 'declared' }
  if (inputs.gapsMs.length >= LEARN_MIN_GAPS) {
    const floorMs = Math.max(MIN_LEARNED_INTERVAL_MS, inputs.minLearnedMs ?? 0)
    return { ms: Math.max(floorMs, median(inputs.gapsMs)), origin: 'learned' }
  }
  return { ms: inputs.sourceDefaultMs, origin: 'default' }
}

export interface Multipliers {
  staleFactor: number
  deadFactor: number
}

/** Stale after 1.5 × and dead after 3 × the interval by default: seed 001's 90 s / 180 s at 60 s. */
export const DEFAULT_MULTIPLIERS: Multipliers = { staleFactor: 1.5, deadFactor: 3 }

export function thresholdsFor(intervalMs: number, multipliers: Multipliers): Thresholds {
  return {
    staleAfterMs: Math.round(intervalMs * multipliers.staleFactor),
    deadAfterMs: Math.round(intervalMs * multipliers.deadFactor),
  }
}

/** Median by insertion sort into a scratch buffer: 20 numbers, no allocation; O(n) if already sorted. */
const scratch = new Float64Array(LEARN_WINDOW)

export function median(values: readonly number[]): number {
  const count = values.length
  if (isSorted(values)) return middleOf(values, count)
  const sorted = count <= scratch.length ? scratch : new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const value = values[i] as number
    let j = i - 1
    while (j >= 0 && (sorted[j] as number) > value) {
      sorted[j + 1] = sorted[j] as number
      j--
    }
    sorted[j + 1] = value
  }
  return middleOf(sorted, count)
}

function isSorted(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if ((values[i - 1] as number) > (values[i] as number)) return false
  return true
}

function middleOf(sorted: ArrayLike<number>, count: number): number {
  const middle = count >> 1
  if (count % 2 === 1) return sorted[middle] as number
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * Appends a gap to the window (oldest first), keeping only the last LEARN_WINDOW, and keeps `sortedMs`
 * the same gaps in order: the median is then read off, not sorted for, on every heartbeat.
 */
export function pushGap(gapsMs: number[], sortedMs: number[], gapMs: number): void {
  if (gapsMs.length >= LEARN_WINDOW) removeSorted(sortedMs, gapsMs.shift() as number)
  gapsMs.push(gapMs)
  insertSorted(sortedMs, gapMs)
}

export function sortedCopy(gapsMs: readonly number[]): number[] {
  return [...gapsMs].sort((a, b) => a - b)
}

function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length
  sorted.push(value)
  for (; i > 0 && (sorted[i - 1] as number) > value; i--) sorted[i] = sorted[i - 1] as number
  sorted[i] = value
}

function removeSorted(sorted: number[], value: number): void {
  const at = sorted.indexOf(value)
  if (at === -1) return
  for (let i = at + 1; i < sorted.length; i++) sorted[i - 1] = sorted[i] as number
  sorted.pop()
}
