/** Per-source counts of what arrived and what was refused, with the last few refusals kept for display. */
import type { RejectionView, SourceState } from '../../shared/model'

export const KEPT_REJECTIONS = 10
const SAMPLE_CHARS = 200
/** A reason may quote what it refuses (`got "…"`): kept and shown, so held to a readable length. */
export const REASON_CHARS = 300

export interface SourceStats {
  state: SourceState
  sinceWallMs: number
  lastError: string | null
  received: number
  rejected: number
  lastRejections: RejectionView[]
  details: Record<string, string | number | null>
}

export function newSourceStats(wallMs: number): SourceStats {
  return {
    state: 'connecting',
    sinceWallMs: wallMs,
    lastError: null,
    received: 0,
    rejected: 0,
    lastRejections: [],
    details: {},
  }
}

export function recordRejection(stats: SourceStats, reason: string, raw: string, wallMs: number): void {
  stats.rejected++
  stats.lastRejections.push({
    at: new Date(wallMs).toISOString(),
    reason: shortened(reason, REASON_CHARS),
    sample: shortened(raw, SAMPLE_CHARS),
  })
  if (stats.lastRejections.length > KEPT_REJECTIONS) stats.lastRejections.shift()
}

export function recordHealth(
  stats: SourceStats,
  state: SourceState,
  error: string | null,
  wallMs: number,
): boolean {
  const changed = stats.state !== state || (error !== null && error !== stats.lastError)
  if (stats.state !== state) stats.sinceWallMs = wallMs
  stats.state = state
  if (error !== null) stats.lastError = error
  return changed
}

function shortened(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars)}…`
}
