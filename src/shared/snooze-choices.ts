/**
 * "Snooze notifications ▸ 1 h / 4 h / 8 h / until tomorrow". Tomorrow means the next local 08:00 at
 * least an hour away: at 02:00 that is this morning (the night is what one snoozes), at 07:30 it is
 * the morning after. The label says which ("Until 08:00" or "Until tomorrow 08:00"). A choice is
 * turned into a time when it is clicked, not when the menu was built.
 */
export type SnoozeChoice = '1h' | '4h' | '8h' | 'morning'

export const SNOOZE_CHOICES: readonly SnoozeChoice[] = ['1h', '4h', '8h', 'morning']
export const MORNING_HOUR = 8
const HOUR_MS = 3_600_000

export interface LocalClock {
  /** Wall ms of `hour`:00 local time, `days` after the local day of `wallMs`. */
  at(wallMs: number, days: number, hour: number): number
  /** "14:05" today, "tomorrow 08:00", else "2026-11-28 08:00", as seen at `nowMs`. */
  describe(wallMs: number, nowMs: number): string
}

/** Local time from an offset function (minutes east of UTC at a wall time), so tests pick the zone. */
export function localClock(utcOffsetMinutes: (wallMs: number) => number): LocalClock {
  const local = (wallMs: number): Date => new Date(wallMs + utcOffsetMinutes(wallMs) * 60_000)
  const dayNumber = (wallMs: number): number => Math.floor(local(wallMs).getTime() / 86_400_000)
  return {
    at(wallMs, days, hour) {
      const day = local(wallMs)
      const localTarget = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + days, hour)
      // The offset at the target, which differs from today's across a daylight-saving change.
      const guess = localTarget - utcOffsetMinutes(wallMs) * 60_000
      return localTarget - utcOffsetMinutes(guess) * 60_000
    },
    describe(wallMs, nowMs) {
      const text = local(wallMs).toISOString()
      const time = text.slice(11, 16)
      const days = dayNumber(wallMs) - dayNumber(nowMs)
      if (days === 0) return time
      if (days === 1) return `tomorrow ${time}`
      return `${text.slice(0, 10)} ${time}`
    },
  }
}

/** Until when a choice snoozes, if made at `nowMs`. */
export function snoozeUntilMs(choice: SnoozeChoice, nowMs: number, clock: LocalClock): number {
  if (choice !== 'morning') return nowMs + Number.parseInt(choice, 10) * HOUR_MS
  const morningMs = clock.at(nowMs, 0, MORNING_HOUR)
  return morningMs >= nowMs + HOUR_MS ? morningMs : clock.at(nowMs, 1, MORNING_HOUR)
}

export function snoozeLabel(choice: SnoozeChoice, nowMs: number, clock: LocalClock): string {
  if (choice === '1h') return '1 hour'
  if (choice !== 'morning') return `${Number.parseInt(choice, 10)} hours`
  return `Until ${clock.describe(snoozeUntilMs(choice, nowMs, clock), nowMs)}`
}
