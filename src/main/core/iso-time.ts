/**
 * `new Date(ms).toISOString()`, for the many times a snapshot writes: two per row, 20,000 for 10,000
 * instances, most of them within the same few seconds. The part down to the second is formatted once
 * and reused, which makes each one a string concatenation.
 */

const PREFIXES_KEPT = 64
const LAST_FOUR_DIGIT_YEAR_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
const prefixes = new Map<number, string>()

export function isoTime(wallMs: number): string {
  // Past the year 9999 toISOString writes six-digit years, and a fraction of a millisecond it drops:
  // leave those, and times before 1970, to it.
  if (!Number.isInteger(wallMs) || wallMs < 0 || wallMs > LAST_FOUR_DIGIT_YEAR_MS)
    return new Date(wallMs).toISOString()
  const millis = wallMs % 1000
  const second = wallMs - millis
  let prefix = prefixes.get(second)
  if (prefix === undefined) {
    if (prefixes.size >= PREFIXES_KEPT) prefixes.clear()
    // "2026-11-27T04:13:10." of "2026-11-27T04:13:10.000Z"
    prefix = new Date(second).toISOString().slice(0, 20)
    prefixes.set(second, prefix)
  }
  return prefix + (millis < 10 ? '00' : millis < 100 ? '0' : '') + millis + 'Z'
}
