import { useState } from 'react'
import type { SourceView } from '../../../../shared/model'
import { useClock } from '../../clock'
import { useCommand } from '../../hooks/use-command'
import { replaceSource } from '../../source-edit'
import { sendCommand } from '../../store'
import { formatAge } from '../../time-format'
import { CommandFeedback } from '../CommandFeedback'
import { StateDot } from '../StateBadge'
import { SourceUrlForm } from './SourceUrlForm'
import { formatCount } from '../../count-format'

/** One source: its link, its counters, why it rejected what it rejected; edit and remove. */
export function SourceCard({ source }: { source: SourceView }) {
  const nowMs = useClock((state) => state.nowMs)
  const [editing, setEditing] = useState(false)
  const [confirmingRemove, setConfirmingRemove] = useState(false)
  const remove = useCommand()
  const details = Object.entries(source.details)

  return (
    <li className="source-card" data-testid="source-row" data-state={source.state} data-source={source.id}>
      {editing ? (
        <SourceUrlForm
          initialUrl={source.url}
          submitLabel="Save"
          testIdPrefix="edit-source"
          onCancel={() => setEditing(false)}
          onSubmit={async (url) => {
            const result = await replaceSource(sendCommand, source.id, url)
            if (result.ok) setEditing(false)
            return result
          }}
        />
      ) : (
        <div className="source-head">
          <StateDot state={source.state} />
          <div className="source-title">
            <span className="source-url" title={source.url}>
              {source.url}
            </span>
            <span className="source-meta">
              <span className="source-state" data-state={source.state}>
                {source.state}
              </span>{' '}
              {formatAge(source.since, nowMs).replace(/ ago$/, '')} · {source.kind}
            </span>
          </div>
          <div className="source-actions">
            {confirmingRemove ? (
              <>
                <span className="muted small">Stop watching it?</span>
                <button
                  type="button"
                  className="button button-danger"
                  data-testid="remove-source-confirm"
                  disabled={remove.pending}
                  onClick={() => void remove.run({ type: 'removeSource', id: source.id })}
                >
                  Remove
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => setConfirmingRemove(false)}
                >
                  Cancel
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  className="button button-quiet"
                  data-testid="edit-source"
                  onClick={() => setEditing(true)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  data-testid="remove-source"
                  onClick={() => setConfirmingRemove(true)}
                >
                  Remove
                </button>
              </>
            )}
          </div>
        </div>
      )}
      <CommandFeedback result={remove.result} />
      <div className="source-stats">
        <Stat label="received" value={source.received} />
        <Stat label="rejected" value={source.rejected} warn={source.rejected > 0} />
        {details.map(([key, value]) => (
          <Stat key={key} label={key.replace(/_/g, ' ')} value={value} />
        ))}
      </div>
      {source.degraded && (
        <p className="source-error" data-testid="source-degraded">
          Degraded since {formatAge(source.degraded.since, nowMs)}: {source.degraded.reason}
        </p>
      )}
      {source.lastError !== null && (
        <p className="source-error" data-testid="source-error">
          {source.lastError}
        </p>
      )}
      {source.lastRejections.length > 0 && (
        <details className="rejections">
          <summary>Last {source.lastRejections.length} rejected</summary>
          <ul>
            {[...source.lastRejections].reverse().map((rejection, index) => (
              <li key={`${rejection.at}-${index}`}>
                <div className="rejection-head">
                  <span className="rejection-reason">{rejection.reason}</span>
                  <time dateTime={rejection.at}>{formatAge(rejection.at, nowMs)}</time>
                </div>
                <code className="rejection-sample">{rejection.sample}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  )
}

function Stat({
  label,
  value,
  warn = false,
}: {
  label: string
  value: string | number | null
  warn?: boolean
}) {
  return (
    <div className="stat" data-warn={warn}>
      <span className="stat-value">{typeof value === 'number' ? formatCount(value) : (value ?? '—')}</span>
      <span className="stat-label">{label}</span>
    </div>
  )
}
