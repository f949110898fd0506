/**
 * The snooze menu: how long each choice lasts, from the local clock. Same rule as the tray's menu
 * (src/main/core/snooze-choices.ts): "tomorrow" is the next 08:00 at least an hour away, so at 02:00 it
 * is this morning (the night is what one snoozes) and at 07:30 the morning after.
 */

export interface SnoozeChoice {
  label: string
  untilMs: number
}

const HOUR_MS = 3_600_000
const MORNING_HOUR = 8

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
  const morning = new Date(nowMs)
  morning.setHours(MORNING_HOUR, 0, 0, 0)
  if (morning.getTime() < nowMs + HOUR_MS) morning.setDate(morning.getDate() + 1)
  return morning.getTime()
}
