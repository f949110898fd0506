import { useState } from 'react'
import type { UserSettings } from '../../../../shared/model'
import { durationText, parseDurationText } from '../../duration-text'
import { useCommand } from '../../hooks/use-command'
import { CommandFeedback } from '../CommandFeedback'

/** Expected intervals set by hand, per service name or glob: the first source of an interval. */
export function IntervalOverrides({ overrides }: { overrides: UserSettings['intervalOverrides'] }) {
  const [service, setService] = useState('')
  const [interval, setIntervalText] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const { run, pending, result } = useCommand()
  const add = (): void => {
    const intervalMs = parseDurationText(interval)
    if (intervalMs === null || intervalMs === 0) return setInvalid('Enter an interval such as 30s or 5m')
    setInvalid(null)
    void run({ type: 'setInterval', service: service.trim(), intervalMs }).then((answer) => {
      if (!answer.ok) return
      setService('')
      setIntervalText('')
    })
  }
  return (
    <div className="overrides">
      {overrides.length > 0 && (
        <ul className="override-list">
          {overrides.map((override) => (
            <li key={override.service}>
              <code>{override.service}</code>
              <span>{durationText(override.intervalMs)}</span>
              <button
                type="button"
                className="button button-quiet"
                disabled={pending}
                onClick={() => void run({ type: 'setInterval', service: override.service, intervalMs: null })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="action-row"
        onSubmit={(event) => {
          event.preventDefault()
          add()
        }}
      >
        <input
          className="input"
          value={service}
          placeholder="service name or glob, e.g. tracker_*"
          aria-label="Service name or glob"
          onChange={(event) => setService(event.target.value)}
        />
        <input
          className="input input-short"
          value={interval}
          placeholder="30s"
          aria-label="Interval"
          onChange={(event) => setIntervalText(event.target.value)}
        />
        <button
          type="submit"
          className="button"
          disabled={pending || service.trim() === '' || interval.trim() === ''}
        >
          Add
        </button>
      </form>
      {invalid !== null && (
        <p className="feedback" data-ok="false" role="alert">
          {invalid}
        </p>
      )}
      <CommandFeedback result={result} />
    </div>
  )
}
