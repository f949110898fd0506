import { useMemo } from 'react'
import type { ServiceRow, TransitionView } from '../../../../shared/model'
import { useClock } from '../../clock'
import { useHeartbeatStore } from '../../store'
import { formatAge, formatDurationMs } from '../../time-format'
import { aliveShare, uptimeSpans, uptimeWindowMs } from '../../uptime'

const MAX_WINDOW_MS = 3_600_000
const SHOWN_TRANSITIONS = 8

/** The last hour (or the whole life of a younger instance) as a bar of states, and its transitions. */
export function UptimeBar({ instance }: { instance: ServiceRow }) {
  const history = useHeartbeatStore((state) => state.history)
  const nowMs = useClock((state) => state.nowMs)
  const transitions = useMemo(
    () => history.filter((transition: TransitionView) => transition.id === instance.id),
    [history, instance.id],
  )
  const windowMs = uptimeWindowMs(transitions, instance, nowMs, MAX_WINDOW_MS)
  const windowStartMs = nowMs - windowMs
  const spans = uptimeSpans(transitions, instance, windowStartMs, nowMs)
  const share = aliveShare(spans)
  return (
    <div className="uptime" data-testid="uptime">
      <div
        className="uptime-bar"
        role="img"
        aria-label={`States over the last ${formatDurationMs(windowMs)}`}
      >
        {spans.map((span) => (
          <span
            key={span.startMs}
            className="uptime-span"
            data-state={span.state ?? 'none'}
            style={{
              left: `${((span.startMs - windowStartMs) / windowMs) * 100}%`,
              width: `${((span.endMs - span.startMs) / windowMs) * 100}%`,
            }}
            title={`${span.state ?? 'not known yet'} for ${formatDurationMs(span.endMs - span.startMs)}`}
          />
        ))}
      </div>
      <div className="uptime-scale">
        <span>{formatDurationMs(windowMs)} ago</span>
        <span>
          {share === null ? '' : `alive ${(share * 100).toFixed(share === 1 ? 0 : 1)} % of the known time`}
        </span>
        <span>now</span>
      </div>
      {transitions.length > 0 && (
        <ol className="timeline">
          {transitions
            .slice(-SHOWN_TRANSITIONS)
            .reverse()
            .map((transition) => (
              <li key={`${transition.at}-${transition.to}`}>
                <span className="timeline-states">
                  <span data-state={transition.from}>{transition.from}</span> →{' '}
                  <span data-state={transition.to}>{transition.to}</span>
                </span>
                <span className="timeline-reason" title={transition.reason}>
                  {transition.reason}
                </span>
                <time dateTime={transition.at} title={new Date(transition.at).toLocaleString()}>
                  {formatAge(transition.at, nowMs)}
                </time>
              </li>
            ))}
        </ol>
      )}
    </div>
  )
}
