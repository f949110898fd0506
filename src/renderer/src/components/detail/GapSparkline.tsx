import type { ServiceView } from '../../../../shared/model'
import { useClock } from '../../clock'
import { sparkline, type SparkPoint } from '../../sparkline'
import { formatDurationMs } from '../../time-format'

const WIDTH_PX = 360
const HEIGHT_PX = 64

/**
 * The last inter-arrival gaps against the stale and dead lines (is it steady, or drifting toward
 * late?), and the silence since the last heartbeat as a last, hollow point growing with the clock.
 */
export function GapSparkline({ instance }: { instance: ServiceView }) {
  const nowMs = useClock((state) => state.nowMs)
  const { gapsMs, staleAfterMs, deadAfterMs, lastSeen, state } = instance
  const expected = state !== 'gone' && state !== 'stopped'
  const silenceMs = lastSeen === null || !expected ? null : Math.max(0, nowMs - Date.parse(lastSeen))
  if (gapsMs.length === 0 && silenceMs === null)
    return <p className="muted small">No gaps yet: it takes two heartbeats to measure one.</p>
  const line = sparkline(
    gapsMs,
    { staleAfterMs, deadAfterMs },
    { widthPx: WIDTH_PX, heightPx: HEIGHT_PX },
    silenceMs,
  )
  const last = line.points.at(-1)
  return (
    <figure className="sparkline" data-testid="gap-sparkline">
      <svg
        viewBox={`0 0 ${WIDTH_PX} ${HEIGHT_PX}`}
        role="img"
        aria-label={`Last ${gapsMs.length} gaps between heartbeats`}
      >
        <Threshold state="dead" y={line.deadY} />
        <Threshold state="stale" y={line.staleY} />
        <path className="spark-path" d={line.path} />
        {line.openPoint && last && (
          <line
            className="spark-open-path"
            x1={last.x}
            y1={last.y}
            x2={line.openPoint.x}
            y2={line.openPoint.y}
          />
        )}
        {line.points.map((point, index) => (
          <Point key={index} point={point} />
        ))}
        {line.openPoint && <Point point={line.openPoint} open />}
      </svg>
      <figcaption>
        <span>
          {gapsMs.length > 0 && `last gap ${formatDurationMs(gapsMs.at(-1) as number)}`}
          {silenceMs !== null && ` · silent ${formatDurationMs(Math.floor(silenceMs / 1_000) * 1_000)}`}
        </span>
        <span className="legend" data-state="stale">
          stale {formatDurationMs(staleAfterMs)}
        </span>
        <span className="legend" data-state="dead">
          dead {formatDurationMs(deadAfterMs)}
        </span>
      </figcaption>
    </figure>
  )
}

function Threshold({ state, y }: { state: 'stale' | 'dead'; y: number }) {
  return <line className="threshold" data-state={state} x1="0" x2={WIDTH_PX} y1={y} y2={y} />
}

function Point({ point, open = false }: { point: SparkPoint; open?: boolean }) {
  return (
    <circle
      className="spark-point"
      data-level={point.level}
      data-open={open}
      cx={point.x}
      cy={point.y}
      r={open ? 3 : 2.5}
    >
      <title>{`${open ? 'silent for ' : ''}${formatDurationMs(point.gapMs)}`}</title>
    </circle>
  )
}
