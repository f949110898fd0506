import type { SourceView } from '../../../shared/model'
import { ui } from '../ui-store'
import { StateDot } from './StateBadge'

/** Shown until the first instance appears, saying where heartbeats are expected from. */
export function WaitingForHeartbeats({ sources }: { sources: readonly SourceView[] }) {
  return (
    <div className="waiting" data-testid="waiting">
      <div className="waiting-pulse" aria-hidden="true" />
      <p className="waiting-title">Waiting for heartbeats…</p>
      {sources.length > 0 ? (
        <ul className="waiting-sources">
          {sources.map((source) => (
            <li key={source.id}>
              <StateDot state={source.state} label={source.state} /> {source.url}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No source is watched yet.</p>
      )}
      <button type="button" className="button button-quiet" onClick={() => ui.showTab('sources')}>
        Manage sources
      </button>
    </div>
  )
}
