import { memo } from 'react'
import type { SourceView } from '../../../shared/model'

export const SourceList = memo(function SourceList({ sources }: { sources: readonly SourceView[] }) {
  return (
    <section className="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      {sources.length === 0 ? (
        <p className="muted">No sources configured.</p>
      ) : (
        <ul className="source-list">
          {sources.map((source) => (
            <li key={source.id} className="source-item" data-testid="source-row" data-state={source.state}>
              <span className="source-state" data-state={source.state}>
                {source.state}
              </span>
              <span className="source-url" title={source.url}>
                {source.url}
              </span>
              <span className="source-counts">
                {source.received.toLocaleString()} received · {source.rejected.toLocaleString()} rejected
              </span>
              {source.lastError !== null && <span className="source-error">{source.lastError}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
})
