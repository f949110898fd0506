/**
 * The alert policy (DESIGN.md: transitions → alert policy → sinks): which transitions and source
 * changes become notifications, and when. Pure: time is an argument, and it says when it next wants to
 * be woken (`nextWakeMs`, monotonic); the controller owns the one timer.
 *
 * - `→ stale`, `→ dead` and `→ alive` from stale or dead notify, each switchable; `gone`, `stopped`
 *   and `unknown` never (alert-news.ts). Muted instances and services, and snoozed periods, notify nothing.
 * - Every notification is held `holdMs` to see whether a storm forms: then the batch goes out as one
 *   summary, and after a storm at most one notification per storm window. A change undone within the
 *   hold (stale, then alive again) is never sent (alert-batch.ts, storm-window.ts).
 * - A source that drops raises one notification about the source once it has been down `sourceLostHoldMs`
 *   (a blip says nothing); its instances go unknown and say nothing. When it is back, one "is back",
 *   only if its loss was told (source-alerts.ts).
 * - Reminders while still dead, every `reminderMinutes` (0: off; dead-reminders.ts).
 * - Flapping instances notify once until they settle (flap-alerts.ts); a mass silence on a source whose
 *   connection looks up raises one "degraded" instead of one alert per instance (mass-silence-alerts.ts).
 */
import type { NotificationView, SourceState, TransitionView } from '../../shared/model'
import { AlertBatch } from './alert-batch'
import { AlertMarks, type MarkChanges } from './alert-marks'
import { NewsMemory, notifiableKind } from './alert-news'
import { isSilenced, type AlertWorld } from './alert-world'
import { DeadReminders } from './dead-reminders'
import { FlapAlerts } from './flap-alerts'
import { DEFAULT_FLAP_TUNING, type FlapTuning } from './flapping'
import { DEFAULT_MASS_SILENCE, type Degraded, type MassSilenceTuning } from './mass-silence'
import { MassSilenceAlerts } from './mass-silence-alerts'
import type { Instant } from './monitor'
import { NotificationMaker } from './notification-maker'
import { SourceAlerts } from './source-alerts'
import { releaseReminders, releaseSourceNotices } from './source-and-reminder-notices'
import { StormWindow } from './storm-window'

export type { AlertSettings, AlertWorld, InstanceTiming } from './alert-world'
export type { MarkChanges } from './alert-marks'

export interface AlertTuning {
  holdMs: number
  stormCount: number
  stormWindowMs: number
  sourceLostHoldMs: number
  flap: FlapTuning
  massSilence: MassSilenceTuning
}

export const DEFAULT_ALERT_TUNING: AlertTuning = {
  // Long enough for instances killed together (their deadlines fall within milliseconds) to land in
  // one batch; short enough that no one waits on it.
  holdMs: 1_500,
  // Issue 4: a storm is ≥ 5 transitions within 10 s.
  stormCount: 5,
  stormWindowMs: 10_000,
  // A reconnect within this says nothing: transports retry from 100 ms on (redis-connection.ts).
  sourceLostHoldMs: 5_000,
  flap: DEFAULT_FLAP_TUNING,
  massSilence: DEFAULT_MASS_SILENCE,
}

export class AlertPolicy {
  private readonly marks = new AlertMarks()
  private readonly notices: NotificationMaker
  private readonly storm: StormWindow
  private readonly batch: AlertBatch
  private readonly sources: SourceAlerts
  private readonly dead = new DeadReminders()
  private readonly news = new NewsMemory()
  private readonly flaps: FlapAlerts
  private readonly silences: MassSilenceAlerts

  constructor(
    private readonly world: AlertWorld,
    tuning: AlertTuning = DEFAULT_ALERT_TUNING,
  ) {
    this.notices = new NotificationMaker(world)
    this.storm = new StormWindow(tuning.stormCount, tuning.stormWindowMs)
    this.batch = new AlertBatch(world, tuning.holdMs, this.storm, this.notices)
    this.sources = new SourceAlerts(tuning.sourceLostHoldMs)
    this.flaps = new FlapAlerts(world, tuning.flap, this.batch, this.marks)
    this.silences = new MassSilenceAlerts(world, tuning.massSilence, this.batch, this.marks, this.dead)
  }

  /** A transition, at the moment it happened. */
  transition(view: TransitionView, now: Instant): void {
    this.dead.transition(view, now.monoMs)
    const news = this.news.of(view)
    const covered = this.silences.track(view, now)
    const flap = this.flaps.track(view, now)
    if (covered) {
      this.batch.drop(view.id)
      return
    }
    if (flap === 'flapping') return
    const kind = flap === 'started' ? 'flapping' : news && notifiableKind(news, this.world.settings())
    this.batch.hold(news ?? view, kind, now)
  }

  /** A source's connection changed. */
  sourceHealth(sourceId: string, state: SourceState, error: string | null, now: Instant): void {
    if (state === 'stopped') return this.forgetSource(sourceId)
    const dropped = this.sources.health(sourceId, state, error, now.monoMs)
    // Silence while disconnected is ours, not the services': the loss notice stands for all of it.
    if (dropped) this.silences.forgetSource(sourceId)
  }

  /** The source is no longer watched: everything about it goes. */
  forgetSource(sourceId: string): void {
    this.sources.forget(sourceId)
    this.dead.forgetSource(sourceId)
    this.news.forgetSource(sourceId)
    this.silences.forgetSource(sourceId)
    this.batch.forgetSource(sourceId)
    this.flaps.forgetSource(sourceId)
  }

  /** Everything due by `now`, to show. */
  tick(now: Instant): NotificationView[] {
    this.flaps.settleDue(now)
    const out: NotificationView[] = []
    if (this.batch.isDue(now.monoMs)) out.push(...this.releaseBatch(now))
    const told = (transition: TransitionView): boolean =>
      !isSilenced(this.world, transition, now.wallMs) &&
      !this.silences.covers(transition.source, transition.id) &&
      !this.flaps.isFlapping(transition.id)
    out.push(
      ...releaseSourceNotices(this.sources, this.world, this.notices, now),
      ...releaseReminders(this.dead, this.world, told, this.notices, now),
    )
    return out
  }

  /** When `tick` next has something to do (monotonic ms), or null. */
  nextWakeMs(): number | null {
    const candidates = [
      this.batch.nextDueMs(),
      this.flaps.nextSettleMs(),
      this.sources.nextDueMs(),
      this.dead.nextDueMs(this.world.settings().reminderMinutes * 60_000),
    ]
    const due = candidates.filter((ms): ms is number => ms !== null)
    return due.length === 0 ? null : Math.min(...due)
  }

  isFlapping(instanceId: string): boolean {
    return this.flaps.isFlapping(instanceId)
  }

  degraded(sourceId: string): Degraded | null {
    return this.silences.degraded(sourceId)
  }

  takeMarkChanges(): MarkChanges {
    return this.marks.take()
  }

  private releaseBatch(now: Instant): NotificationView[] {
    const taken = this.batch.take()
    const out: NotificationView[] = []
    let alerts = taken.alerts
    for (const sourceId of taken.sourcesToWeigh) {
      const weighing = this.silences.weigh(sourceId, alerts, now)
      if (weighing === null) continue
      const { notice } = weighing
      if (notice) out.push(this.notices.make(notice.kind, notice.text, sourceId, now))
      this.storm.arrived(now.monoMs, weighing.revived)
      alerts = weighing.alerts
    }
    if (this.world.snoozed(now.wallMs)) return []
    // Muted while it was held: the mute wins.
    alerts = alerts.filter((alert) => !isSilenced(this.world, alert.transition, now.wallMs))
    out.push(...this.batch.announce(alerts, now))
    return out
  }
}
