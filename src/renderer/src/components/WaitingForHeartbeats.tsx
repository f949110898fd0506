import type { SourceView } from '../../../shared/model'

/** Shown until the first instance appears, saying where heartbeats are expected from. */
export function WaitingForHeartbeats({ sources }: { sources: readonly SourceView[] }) {
  return (
    <div className="waiting" data-testid="waiting">
      <p className="waiting-title">Waiting for heartbeats…</p>
      {sources.length > 0 && (
        <ul className="waiting-sources">
          {sources.map((source) => (
            <li key={source.id}>{source.url}</li>
          ))}
        </ul>
      )}
    </div>
  )
}
