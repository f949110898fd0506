/** What a transport says about a failure in its health report: the error's message, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
