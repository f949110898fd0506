import type { CommandResult } from '../../../shared/api'

/** A command's outcome, said once, next to the control that ran it. */
export function CommandFeedback({
  result,
  success,
  testId,
}: {
  result: CommandResult | null
  /** What to say on success when the engine says nothing. */
  success?: string
  testId?: string
}) {
  if (result === null) return null
  const text = result.ok ? (result.message ?? success) : result.error
  if (!text) return null
  return (
    <p className="feedback" data-ok={result.ok} role={result.ok ? 'status' : 'alert'} data-testid={testId}>
      {text}
    </p>
  )
}
