/**
 * What an instance says of itself, on the tray's scale. Liveness says whether it speaks; this is what it
 * says: seed 000's `not_responding`, seed 002's `not_ok`, a ping's `failed`, a registry's `failed` or
 * `error` count as dead; `degraded` and warnings as stale. A word we do not know raises nothing, and
 * neither does seed 000's `disconnected`, which a crash and a clean stop both write (issue 8: ageing
 * decides).
 */
export type ReportedSeverity = 'alive' | 'stale' | 'dead'

const FAILING: ReadonlySet<string> = new Set([
  'failed',
  'failure',
  'failing',
  'error',
  'errored',
  'not_ok',
  'not_responding',
  'unresponsive',
  'unhealthy',
  'down',
  'dead',
  'critical',
  'crashed',
  'fatal',
])

const DEGRADED: ReadonlySet<string> = new Set(['degraded', 'warning', 'warn', 'unstable', 'slow', 'partial'])

export function reportedSeverity(reported: string | null): ReportedSeverity {
  if (reported === null) return 'alive'
  const word = reported
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  if (FAILING.has(word)) return 'dead'
  if (DEGRADED.has(word)) return 'stale'
  return 'alive'
}
