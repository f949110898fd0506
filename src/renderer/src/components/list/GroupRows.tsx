import { memo } from 'react'
import type { ServiceRollup, ServiceState } from '../../../../shared/model'
import { useHeartbeatStore } from '../../store'
import { ChevronIcon } from '../icons'
import { StateBadge, StateDot } from '../StateBadge'
import { RowFrame, type RowPosition } from './RowFrame'
import { formatCount } from '../../count-format'

const PROBLEM_STATES: readonly ServiceState[] = ['dead', 'stale', 'unknown']

function Chevron({ open }: { open: boolean }) {
  return (
    <span className="chevron" data-open={open}>
      <ChevronIcon />
    </span>
  )
}

/** A source heading its services: its link state, URL and how many instances it brought. */
export const SourceRow = memo(function SourceRow({
  sourceId,
  instanceCount,
  counts,
  collapsed,
  ...position
}: RowPosition & {
  sourceId: string
  instanceCount: number
  counts: Record<ServiceState, number>
  collapsed: boolean
}) {
  const source = useHeartbeatStore((state) => state.sources.find((candidate) => candidate.id === sourceId))
  const problems = PROBLEM_STATES.filter((state) => counts[state] > 0)
  return (
    <RowFrame
      {...position}
      level={1}
      expanded={!collapsed}
      className="row-source"
      testId="source-group"
      data={{ source: sourceId }}
    >
      <span role="gridcell" className="cell-group">
        <Chevron open={!collapsed} />
        <StateDot state={source?.state ?? 'unknown'} label={source?.state ?? 'not watched'} />
        <span className="source-url" title={sourceId}>
          {sourceId}
        </span>
        <span className="group-count">
          {formatCount(instanceCount)} instance{instanceCount === 1 ? '' : 's'}
        </span>
        {problems.map((state) => (
          <span key={state} className="group-problem" data-state={state}>
            {formatCount(counts[state])} {state}
          </span>
        ))}
        {source?.degraded && (
          <span className="group-error" title={source.degraded.reason}>
            degraded: {source.degraded.reason}
          </span>
        )}
        {source?.state === 'disconnected' && source.lastError !== null && (
          <span className="group-error" title={source.lastError}>
            {source.lastError}
          </span>
        )}
      </span>
    </RowFrame>
  )
})

/** A service with several instances (or gone ones): the rollup, "2 of 3 alive, 1 dead". */
export const ServiceRow = memo(function ServiceRow({
  rollup,
  collapsed,
  ...position
}: RowPosition & { rollup: ServiceRollup; collapsed: boolean }) {
  return (
    <RowFrame
      {...position}
      level={2}
      expanded={!collapsed}
      className="row-service"
      testId="service-group"
      data={{ service: rollup.service, state: rollup.state }}
    >
      <span role="gridcell" className="cell-state">
        <Chevron open={!collapsed} />
        <StateBadge state={rollup.state} />
      </span>
      <span role="gridcell" className="cell-group">
        <span className="service-name">{rollup.service}</span>
        <span className="rollup-summary" data-testid="rollup-summary">
          {rollup.summary}
        </span>
      </span>
    </RowFrame>
  )
})

/** "3 gone": replaced or removed instances, closed by default. */
export const GoneRow = memo(function GoneRow({
  count,
  expanded,
  ...position
}: RowPosition & { count: number; expanded: boolean }) {
  return (
    <RowFrame {...position} level={3} expanded={expanded} className="row-gone" testId="gone-group">
      <span role="gridcell" className="cell-group">
        <Chevron open={expanded} />
        <span>{formatCount(count)} gone</span>
        <span className="group-hint">replaced or removed; kept for a while</span>
      </span>
    </RowFrame>
  )
})
