/** Durations as people write them in URLs and flags: "500ms", "2s", "1.5m", "1h"; a bare number is seconds. */
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }

export function parseDurationMs(text: string): number | null {
  const match = DURATION.exec(text.trim())
  if (!match) return null
  const unit = (match[2] ?? 's').toLowerCase()
  const ms = Number(match[1]) * (UNIT_MS[unit] as number)
  return Number.isFinite(ms) && ms > 0 ? ms : null
}
