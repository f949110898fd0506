import type { ServiceState } from '../../../shared/model'

export function StateBadge({ state }: { state: ServiceState }) {
  return (
    <span className="state-badge" data-state={state}>
      {state}
    </span>
  )
}

/** The state as a dot alone, where a word would crowd (a source, the app's overall state). */
export function StateDot({ state, label }: { state: string; label?: string }) {
  return (
    <span
      className="state-dot"
      data-state={state}
      title={label}
      aria-label={label}
      role={label ? 'img' : undefined}
    />
  )
}
