/**
 * Time values as SQLite databases hold them, to epoch ms (null when unreadable): `datetime('now')`
 * writes naive UTC `YYYY-MM-DD HH:MM:SS`; other code writes a `T`, a `Z` or an offset, epoch seconds or
 * ms, or a `julianday()` number. A naive text is UTC here: that is what SQLite's own functions mean.
 */
import { parseTimestampMs } from './timestamp'

/** SQLite's day number of 1970-01-01T00:00Z. */
const UNIX_EPOCH_JULIAN_DAY = 2_440_587.5
const DAY_MS = 86_400_000
/** Julian day numbers of the years 763 to 3501; as epoch seconds or ms they would all fall in January 1970. */
const JULIAN_DAY_MIN = 2_000_000
const JULIAN_DAY_MAX = 3_000_000

export function sqliteTimeMs(value: unknown): number | null {
  if (typeof value === 'number' && value >= JULIAN_DAY_MIN && value < JULIAN_DAY_MAX) {
    return Math.round((value - UNIX_EPOCH_JULIAN_DAY) * DAY_MS)
  }
  return parseTimestampMs(value, 'utc')
}
