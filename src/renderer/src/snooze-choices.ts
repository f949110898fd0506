/**
 * The snooze menu of the window's header: the tray's choices and rule (src/shared/snooze-choices.ts),
 * read on the browser's own clock, with the labels this menu shows.
 */
import { localClock, snoozeUntilMs } from '../../shared/snooze-choices'

export interface SnoozeChoice {
  label: string
  untilMs: number
}

const HOUR_MS = 3_600_000
const browserClock = localClock((wallMs) => -new Date(wallMs).getTimezoneOffset())

export function snoozeChoices(nowMs: number): SnoozeChoice[] {
  const morning = nextMorning(nowMs)
  const isToday = new Date(morning).toDateString() === new Date(nowMs).toDateString()
  return [
    { label: 'For 1 hour', untilMs: nowMs + HOUR_MS },
    { label: 'For 4 hours', untilMs: nowMs + 4 * HOUR_MS },
    { label: 'For 8 hours', untilMs: nowMs + 8 * HOUR_MS },
    { label: isToday ? 'Until 08:00' : 'Until tomorrow 08:00', untilMs: morning },
  ]
}

/** The next local 08:00 at least an hour away. */
export function nextMorning(nowMs: number): number {
  return snoozeUntilMs('morning', nowMs, browserClock)
}
