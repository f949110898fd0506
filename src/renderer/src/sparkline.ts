/** The geometry of the inter-arrival sparkline: each gap a point, against the stale and dead lines. */

export interface SparkPoint {
  x: number
  y: number
  gapMs: number
  level: 'ok' | 'stale' | 'dead'
}

export interface Sparkline {
  points: SparkPoint[]
  /** An SVG path through the points. */
  path: string
  /** The silence since the last heartbeat, a gap still growing: drawn after the others. */
  openPoint: SparkPoint | null
  staleY: number
  deadY: number
  /** The gap at the top edge. */
  maxMs: number
}

const PADDING_PX = 4

export function sparkline(
  gapsMs: readonly number[],
  thresholds: { staleAfterMs: number; deadAfterMs: number },
  size: { widthPx: number; heightPx: number },
  openGapMs: number | null = null,
): Sparkline {
  const all = openGapMs === null ? gapsMs : [...gapsMs, openGapMs]
  // Headroom above the dead line, so it never sits on the edge; a gap past it raises the ceiling.
  const maxMs = Math.max(thresholds.deadAfterMs * 1.15, ...all)
  const usable = size.heightPx - 2 * PADDING_PX
  const yOf = (ms: number): number => round(PADDING_PX + usable * (1 - Math.min(ms, maxMs) / maxMs))
  const step = all.length > 1 ? (size.widthPx - 2 * PADDING_PX) / (all.length - 1) : 0
  const points = all.map((gapMs, index): SparkPoint => ({
    x: round(all.length > 1 ? PADDING_PX + index * step : size.widthPx / 2),
    y: yOf(gapMs),
    gapMs,
    level: gapMs >= thresholds.deadAfterMs ? 'dead' : gapMs >= thresholds.staleAfterMs ? 'stale' : 'ok',
  }))
  const openPoint = openGapMs === null ? null : (points.pop() ?? null)
  const path = points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' ')
  return {
    points,
    path,
    openPoint,
    staleY: yOf(thresholds.staleAfterMs),
    deadY: yOf(thresholds.deadAfterMs),
    maxMs,
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
