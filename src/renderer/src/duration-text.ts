/** Durations typed by people ("30s", "2 min", "1h30m", "90" meaning seconds) to ms, and back. */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  sec: 1_000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}

/** Ms, or null for text that is not a duration. A bare number is seconds. */
export function parseDurationText(text: string): number | null {
  const trimmed = text.trim().toLowerCase()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1_000)
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(ms|sec|s|min|m|h|d)\s*/g)]
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== trimmed.replace(/^\s+/, '')) return null
  return Math.round(parts.reduce((sum, part) => sum + Number(part[1]) * (UNIT_MS[part[2] as string] ?? 0), 0))
}

/** An exact text for a duration, as parseDurationText reads it: "45s", "2m", "1h30m", "1500ms". */
export function durationText(ms: number): string {
  if (ms % 1_000 !== 0) return `${ms}ms`
  let rest = ms / 1_000
  const parts: string[] = []
  for (const [unit, seconds] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (rest >= seconds && (rest % seconds === 0 || unit !== 'd')) {
      parts.push(`${Math.floor(rest / seconds)}${unit}`)
      rest %= seconds
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`)
  return parts.join('')
}
