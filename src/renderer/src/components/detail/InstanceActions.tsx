import { useState } from 'react'
import type { ServiceRow } from '../../../../shared/model'
import { durationText, parseDurationText } from '../../duration-text'
import { useCommand } from '../../hooks/use-command'
import { useHeartbeatStore } from '../../store'
import { ui } from '../../ui-store'
import { CommandFeedback } from '../CommandFeedback'
import { MuteActions } from './MuteActions'

/** Mute, unmute, the service's interval override and forget: each with its result said in place. */
export function InstanceActions({ instance }: { instance: ServiceRow }) {
  return (
    <>
      <MuteActions instance={instance} />
      <IntervalOverride service={instance.service} />
      {instance.state === 'gone' && <ForgetAction id={instance.id} />}
    </>
  )
}

function IntervalOverride({ service }: { service: string }) {
  const override = useHeartbeatStore(
    (state) => state.settings?.intervalOverrides.find((candidate) => candidate.service === service) ?? null,
  )
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const { run, pending, result } = useCommand()
  const submit = (): void => {
    const intervalMs = parseDurationText(text)
    if (intervalMs === null) return setInvalid('Enter a duration such as 30s, 2m or 1h')
    setInvalid(null)
    void run({ type: 'setInterval', service, intervalMs }).then((answer) => answer.ok && setText(''))
  }
  return (
    <section className="action-group" aria-label="Expected interval">
      <h4>Expected interval of {service}</h4>
      <form
        className="action-row"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <input
          className="input input-short"
          value={text}
          placeholder={override ? durationText(override.intervalMs) : 'e.g. 30s'}
          aria-label="Expected interval"
          data-testid="interval-input"
          onChange={(event) => setText(event.target.value)}
        />
        <button
          type="submit"
          className="button"
          disabled={pending || text.trim() === ''}
          data-testid="interval-set"
        >
          Set override
        </button>
        {override && (
          <button
            type="button"
            className="button button-quiet"
            disabled={pending}
            onClick={() => void run({ type: 'setInterval', service, intervalMs: null })}
          >
            Clear ({durationText(override.intervalMs)})
          </button>
        )}
      </form>
      {invalid !== null && (
        <p className="feedback" data-ok="false" role="alert">
          {invalid}
        </p>
      )}
      <CommandFeedback result={result} success="Saved; thresholds follow at once." />
    </section>
  )
}

function ForgetAction({ id }: { id: string }) {
  const { run, pending, result } = useCommand()
  return (
    <section className="action-group" aria-label="Forget">
      <h4>Gone</h4>
      <div className="action-row">
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          data-testid="forget"
          onClick={() => void run({ type: 'forget', id }).then((answer) => answer.ok && ui.closeDetail())}
        >
          Forget this instance
        </button>
        <span className="muted small">Its history stays.</span>
      </div>
      <CommandFeedback result={result} />
    </section>
  )
}
