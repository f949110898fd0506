/**
 * The notices released on their own schedule rather than in the batch: a source lost or back
 * (source-alerts.ts), and reminders of instances still dead (dead-reminders.ts).
 */
import type { NotificationView, TransitionView } from '../../shared/model'
import { reminderText, sourceBackText, sourceLostText, type Text } from './alert-text'
import type { AlertWorld } from './alert-world'
import type { DeadReminders } from './dead-reminders'
import type { Instant } from './monitor'
import type { NotificationMaker } from './notification-maker'
import type { SourceAlerts, SourceNotice } from './source-alerts'

export function releaseSourceNotices(
  sources: SourceAlerts,
  world: AlertWorld,
  notices: NotificationMaker,
  now: Instant,
): NotificationView[] {
  return sources
    .release(now.monoMs, world.snoozed(now.wallMs))
    .map((notice) => notices.make('source', sourceText(notice, world), notice.sourceId, now))
}

function sourceText(notice: SourceNotice, world: AlertWorld): Text {
  if (notice.kind === 'back') return sourceBackText(notice.sourceId)
  const counts = world.sourceCounts(notice.sourceId)
  const instances = counts.alive + counts.stale + counts.dead + counts.unknown
  return sourceLostText(notice.sourceId, notice.error, notice.everConnected, instances)
}

/** One reminder for all the dead due one, those `told` says the user still hears of. */
export function releaseReminders(
  dead: DeadReminders,
  world: AlertWorld,
  told: (transition: TransitionView) => boolean,
  notices: NotificationMaker,
  now: Instant,
): NotificationView[] {
  const settings = world.settings()
  const due = dead.due(now.monoMs, settings.reminderMinutes * 60_000)
  if (due.length === 0 || !settings.notifyDead || world.snoozed(now.wallMs)) return []
  const remind = due.filter(({ transition }) => told(transition))
  const [first] = remind
  if (!first) return []
  const text = reminderText(
    remind.map((entry) => ({ transition: entry.transition, deadForMs: now.monoMs - entry.deadSinceMs })),
  )
  return [notices.make('reminder', text, remind.length === 1 ? first.transition.id : null, now)]
}
