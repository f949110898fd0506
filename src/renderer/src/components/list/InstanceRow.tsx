import { memo } from 'react'
import { useClock } from '../../clock'
import { keyMetricTexts } from '../../key-metrics'
import { useHeartbeatStore } from '../../store'
import { formatAge, formatClockTime, formatDurationMs } from '../../time-format'
import { useUiStore } from '../../ui-store'
import { MutedIcon } from '../icons'
import { StateBadge } from '../StateBadge'
import { RowFrame, type RowPosition } from './RowFrame'

/** Reported values that mean trouble in the seeds' own words; shown in the state's colour. */
const WORRYING_REPORTS = /not[_ ]?(ok|responding)|disconnected|degraded|error|fail|down|unhealthy/i

interface InstanceRowProps extends RowPosition {
  id: string
  /** Under a service row; otherwise the service's only instance, standing for the service. */
  nested: boolean
}

/** One instance. It reads its own view from the store, so a delta redraws only the rows it touched. */
export const InstanceRow = memo(function InstanceRow({ id, nested, ...position }: InstanceRowProps) {
  const instance = useHeartbeatStore((state) => state.services.get(id))
  const selected = useUiStore((state) => state.selectedId === id)
  const nowMs = useClock((state) => state.nowMs)
  if (!instance) return null
  const metrics = keyMetricTexts(instance.metrics)
  const reported = instance.reported
  return (
    <RowFrame
      {...position}
      level={nested ? 3 : 2}
      selected={selected}
      className={nested ? 'row-instance row-nested' : 'row-instance'}
      testId="service-row"
      data={{ service: instance.service, instance: instance.instance, state: instance.state }}
    >
      <span role="gridcell" className="cell-state">
        <StateBadge state={instance.state} />
      </span>
      <span role="gridcell" className="cell-name">
        {!nested && <span className="service-name">{instance.service}</span>}
        <span className="instance-id" title={instance.instance}>
          {instance.instance}
        </span>
        {instance.host !== null && <span className="host">{instance.host}</span>}
        {instance.flapping === true && (
          <span className="tag" data-state="stale" title="Changes state too often to alert on">
            flapping
          </span>
        )}
        {instance.replacedBy !== null && (
          <span className="replaced">replaced by {instance.replacedBy.split('|').at(-1)}</span>
        )}
      </span>
      <span role="gridcell" className="cell-age" title={instance.lastSeen ?? 'never'}>
        {formatAge(instance.lastSeen, nowMs)}
      </span>
      <span role="gridcell" className="cell-interval">
        {formatDurationMs(instance.expectedIntervalMs)}
        <span className="origin">{instance.intervalOrigin}</span>
      </span>
      <span
        role="gridcell"
        className="cell-reported"
        data-worrying={reported !== null && WORRYING_REPORTS.test(reported)}
      >
        {reported ?? '—'}
      </span>
      <span role="gridcell" className="cell-metrics">
        {metrics.map((metric) => (
          <span key={metric.label} className="metric">
            <span className="metric-label">{metric.label}</span> {metric.text}
          </span>
        ))}
      </span>
      <span role="gridcell" className="cell-muted">
        {instance.muted !== null && (
          <span
            className="muted-mark"
            data-testid="muted-mark"
            title={
              instance.muted.until === null
                ? 'Muted until it recovers'
                : `Muted until ${formatClockTime(instance.muted.until, nowMs)}`
            }
          >
            <MutedIcon label="muted" />
          </span>
        )}
      </span>
    </RowFrame>
  )
})
