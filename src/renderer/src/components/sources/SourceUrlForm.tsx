import { useState } from 'react'
import type { CommandResult } from '../../../../shared/api'
import { useCommand } from '../../hooks/use-command'
import { CommandFeedback } from '../CommandFeedback'

const EXAMPLE_URL = 'redis://127.0.0.1:6379/0?pattern=heartbeat:service:*'

interface SourceUrlFormProps {
  initialUrl?: string
  submitLabel: string
  /** Adds (or replaces) the source; the form shows what it answers. */
  onSubmit(url: string): Promise<CommandResult>
  onCancel?(): void
  testIdPrefix: string
}

/** A source URL with "Test connection": the exact error, or that it connects, before anything changes. */
export function SourceUrlForm({
  initialUrl = '',
  submitLabel,
  onSubmit,
  onCancel,
  testIdPrefix,
}: SourceUrlFormProps) {
  const [url, setUrl] = useState(initialUrl)
  const [submitting, setSubmitting] = useState(false)
  const [submitted, setSubmitted] = useState<CommandResult | null>(null)
  const test = useCommand()
  const blank = url.trim() === ''
  const redacted = url.includes('***')

  const submit = async (): Promise<void> => {
    test.clear()
    setSubmitting(true)
    const result = await onSubmit(url.trim())
    setSubmitting(false)
    setSubmitted(result)
    if (result.ok && initialUrl === '') setUrl('')
  }

  return (
    <form
      className="source-form"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <input
        className="input input-mono"
        value={url}
        placeholder={EXAMPLE_URL}
        aria-label="Source URL"
        spellCheck={false}
        autoComplete="off"
        data-testid={`${testIdPrefix}-url`}
        onChange={(event) => {
          setUrl(event.target.value)
          setSubmitted(null)
          test.clear()
        }}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={blank || test.pending}
          data-testid={`${testIdPrefix}-test`}
          onClick={() => {
            setSubmitted(null)
            void test.run({ type: 'testSource', url: url.trim() })
          }}
        >
          {test.pending ? 'Testing…' : 'Test connection'}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={blank || submitting}
          data-testid={`${testIdPrefix}-submit`}
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {redacted && <p className="hint">The password shows as ***: type it again to keep it.</p>}
      <CommandFeedback
        result={test.pending ? null : test.result}
        success="Connected."
        testId={`${testIdPrefix}-feedback`}
      />
      <CommandFeedback result={submitted} success="Saved." testId={`${testIdPrefix}-feedback`} />
    </form>
  )
}
