import type { ServiceState } from '../../../shared/model'

export function StateBadge({ state }: { state: ServiceState }) {
  return (
    <span className="state-badge" data-state={state}>
      {state}
    </span>
  )
}
