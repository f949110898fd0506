import type { ServiceView } from '../../../../shared/model'
import { useClock } from '../../clock'
import { formatCount } from '../../count-format'
import { formatAge, formatDurationMs } from '../../time-format'

/** The facts of one instance, as a two-column list. */
export function InstanceFacts({ instance }: { instance: ServiceView }) {
  const nowMs = useClock((state) => state.nowMs)
  const facts: [string, string][] = [
    ['Last heartbeat', formatAge(instance.lastSeen, nowMs)],
    [`${capitalized(instance.state)} since`, formatAge(instance.since, nowMs).replace(/ ago$/, '')],
    ['Expected every', `${formatDurationMs(instance.expectedIntervalMs)} (${instance.intervalOrigin})`],
    [
      'Stale / dead after',
      `${formatDurationMs(instance.staleAfterMs)} / ${formatDurationMs(instance.deadAfterMs)}`,
    ],
    ['Reported', instance.reported ?? '—'],
    ['Clock skew', instance.skewMs === null ? '—' : skewText(instance.skewMs)],
    ['Heartbeats', formatCount(instance.heartbeats)],
    ['Host', instance.host ?? '—'],
  ]
  if (instance.phi !== null) facts.push(['φ (suspicion)', instance.phi.toFixed(1)])
  if (instance.replacedBy !== null) facts.push(['Replaced by', instance.replacedBy.split('|').at(-1) ?? ''])
  if (instance.replaces !== null) facts.push(['Replaces', instance.replaces.split('|').at(-1) ?? ''])
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term} className="fact">
          <dt>{term}</dt>
          <dd title={value}>{value}</dd>
        </div>
      ))}
      <div className="fact fact-wide">
        <dt>Source</dt>
        <dd>{instance.source}</dd>
      </div>
    </dl>
  )
}

/** Publisher clock minus ours: shown, never trusted. */
function skewText(skewMs: number): string {
  if (Math.abs(skewMs) < 1) return 'in step'
  return `${formatDurationMs(Math.abs(skewMs))} ${skewMs > 0 ? 'ahead' : 'behind'}`
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
