/**
 * Service-specific values for a heartbeat (seed 001's `add_data_collector`). Each collector is isolated:
 * one that throws, hangs or returns something JSON cannot hold is left out of that beat and reported.
 */

/** Returns the value for its key, or a promise of it; `undefined` is sent as null, like Python's None. */
export type DataCollector = () => unknown

export interface CollectorFailure {
  key: string
  error: Error
}

export interface CollectedData {
  values: Record<string, unknown>
  failures: CollectorFailure[]
}

export async function collectData(
  collectors: ReadonlyMap<string, DataCollector>,
  timeoutMs: number,
): Promise<CollectedData> {
  const entries = [...collectors]
  const outcomes = await Promise.allSettled(
    entries.map(([, collector]) => runCollector(collector, timeoutMs)),
  )
  const collected: CollectedData = { values: {}, failures: [] }
  outcomes.forEach((outcome, index) => {
    const key = (entries[index] as [string, DataCollector])[0]
    if (outcome.status === 'fulfilled') collected.values[key] = outcome.value
    else collected.failures.push({ key, error: asError(outcome.reason) })
  })
  return collected
}

async function runCollector(collector: DataCollector, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no value within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    const value = await Promise.race([Promise.resolve().then(collector), timeout])
    return jsonValue(value)
  } finally {
    clearTimeout(timer)
  }
}

function jsonValue(value: unknown): unknown {
  if (value === undefined) return null
  // Throws for BigInt and cycles; undefined for functions and symbols.
  if (JSON.stringify(value) === undefined) throw new Error(`a ${typeof value} cannot be sent as JSON`)
  return value
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason))
}
