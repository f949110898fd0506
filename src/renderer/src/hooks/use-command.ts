import { useCallback, useState } from 'react'
import type { CommandResult, UiCommand } from '../../../shared/api'
import { sendCommand } from '../store'

export interface CommandState {
  pending: boolean
  /** The last result, shown until the next command or `clear()`. */
  result: CommandResult | null
  run(command: UiCommand): Promise<CommandResult>
  clear(): void
}

/** Runs engine commands for one control, keeping its latest result for display. */
export function useCommand(): CommandState {
  const [pending, setPending] = useState(false)
  const [result, setResult] = useState<CommandResult | null>(null)
  const run = useCallback(async (command: UiCommand) => {
    setPending(true)
    setResult(null)
    const answer = await sendCommand(command)
    setPending(false)
    setResult(answer)
    return answer
  }, [])
  const clear = useCallback(() => setResult(null), [])
  return { pending, result, run, clear }
}
