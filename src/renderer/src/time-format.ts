/** Durations and ages as people read them: "500 ms", "5 s", "1.5 s", "2 min", "3 h". */
export function formatDurationMs(durationMs: number): string {
  if (durationMs < 1_000) return `${Math.round(durationMs)} ms`
  const seconds = durationMs / 1_000
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
  if (seconds < 3_600) return withRemainder(Math.floor(seconds / 60), 'min', Math.floor(seconds % 60), 's')
  if (seconds < 86_400)
    return withRemainder(Math.floor(seconds / 3_600), 'h', Math.floor((seconds % 3_600) / 60), 'min')
  return `${Math.floor(seconds / 86_400)} d`
}

/** "12 s ago" (or "just now") from an ISO time; whole seconds, since the view re-renders once a second. */
export function formatAge(sinceIso: string | null, nowMs: number): string {
  if (sinceIso === null) return 'never'
  const sinceMs = Date.parse(sinceIso)
  if (Number.isNaN(sinceMs)) return 'unknown'
  // Clamped: the engine's clock may run a little ahead of this page's.
  const ageSeconds = Math.max(0, Math.floor((nowMs - sinceMs) / 1_000))
  return ageSeconds === 0 ? 'just now' : `${formatDurationMs(ageSeconds * 1_000)} ago`
}

function withRemainder(whole: number, wholeUnit: string, remainder: number, remainderUnit: string): string {
  return remainder === 0 ? `${whole} ${wholeUnit}` : `${whole} ${wholeUnit} ${remainder} ${remainderUnit}`
}

/** "14:05" today, "Tue 08:00" within a week, else the date: when a snooze or mute ends. */
export function formatClockTime(iso: string, nowMs: number): string {
  const at = new Date(iso)
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  const now = new Date(nowMs)
  if (at.toDateString() === now.toDateString()) return time
  if (Math.abs(at.getTime() - nowMs) < 6 * 86_400_000)
    return `${at.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`
  return `${at.toLocaleDateString()} ${time}`
}
