/**
 * The alert policy (DESIGN.md: transitions → alert policy → sinks): which transitions and source
 * changes become notifications, and when. Pure: time is an argument, and it says when it next wants to
 * be woken (`nextWakeMs`, monotonic); the controller owns the one timer.
 *
 * - `→ stale`, `→ dead` and `→ alive` from stale or dead notify, each switchable; `gone`, `stopped`
 *   and `unknown` never. Muted instances and services, and snoozed periods, notify nothing.
 * - Every notification is held `holdMs` to see whether a storm forms: then the batch goes out as one
 *   summary, and after a storm at most one notification per storm window. A change undone within the
 *   hold (stale, then alive again) is never sent.
 * - A source that drops raises one notification about the source once it has been down `sourceLostHoldMs`
 *   (a blip says nothing); its instances go unknown and say nothing. When it is back, one "is back",
 *   only if its loss was told.
 * - Reminders while still dead, every `reminderMinutes` (0: off).
 * - Flapping instances notify once until they settle (flapping.ts); a mass silence on a source whose
 *   connection looks up raises one "degraded" instead of one alert per instance (mass-silence.ts).
 */
import type { NotificationView, ServiceState, SourceState, TransitionView } from '../../shared/model'
import { serviceIdOf } from '../../shared/rollup'
import {
  degradedClearedText,
  degradedText,
  instanceText,
  reminderText,
  sourceBackText,
  sourceLostText,
  summaryText,
  type InstanceAlertKind,
  type Text,
} from './alert-text'
import { AlertMarks, type MarkChanges } from './alert-marks'
import { isSilenced, type AlertWorld } from './alert-world'
import {
  DEFAULT_FLAP_TUNING,
  FlapDetector,
  isLivenessChange,
  type FlapTuning,
  type FlapVerdict,
} from './flapping'
import { NewsMemory, notifiableKind, settledKind } from './alert-news'
import { DeadReminders } from './dead-reminders'
import { DEFAULT_MASS_SILENCE, MassSilenceGuard, type Degraded, type MassSilenceTuning } from './mass-silence'
import type { Instant } from './monitor'
import { NotificationMaker } from './notification-maker'
import { SourceAlerts, type SourceNotice } from './source-alerts'
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

interface HeldAlert {
  kind: InstanceAlertKind
  transition: TransitionView
  /** Its state before the first held change: back there within the hold, nothing happened. */
  baseline: ServiceState
}

export class AlertPolicy {
  private readonly held = new Map<string, HeldAlert>()
  private batchDueMs: number | null = null
  private readonly storm: StormWindow
  private readonly sources: SourceAlerts
  private readonly dead = new DeadReminders()
  private readonly flaps: FlapDetector
  /** The last transition of each flapping instance: what it settles in. */
  private readonly flapViews = new Map<string, TransitionView>()
  private readonly guard: MassSilenceGuard
  private readonly guardPending = new Set<string>()
  private readonly news = new NewsMemory()
  private readonly marks = new AlertMarks()
  private readonly notices: NotificationMaker

  constructor(
    private readonly world: AlertWorld,
    private readonly tuning: AlertTuning = DEFAULT_ALERT_TUNING,
  ) {
    this.flaps = new FlapDetector(tuning.flap)
    this.guard = new MassSilenceGuard(tuning.massSilence)
    this.sources = new SourceAlerts(tuning.sourceLostHoldMs)
    this.storm = new StormWindow(tuning.stormCount, tuning.stormWindowMs)
    this.notices = new NotificationMaker(world)
  }

  /** A transition, at the moment it happened. */
  transition(view: TransitionView, now: Instant): void {
    this.dead.transition(view, now.monoMs)
    const news = this.news.of(view)
    const covered = this.trackSilence(view, now)
    const flap = this.trackFlap(view, now)
    if (covered) {
      this.held.delete(view.id)
      return
    }
    if (flap === 'flapping') return
    const kind = flap === 'started' ? 'flapping' : news && notifiableKind(news, this.world.settings())
    this.hold(news ?? view, kind, now)
  }

  /** A source's connection changed. */
  sourceHealth(sourceId: string, state: SourceState, error: string | null, now: Instant): void {
    if (state === 'stopped') return this.forgetSource(sourceId)
    const dropped = this.sources.health(sourceId, state, error, now.monoMs)
    // Silence while disconnected is ours, not the services': the loss notice stands for all of it.
    if (dropped && this.guard.forgetSource(sourceId)) this.marks.sourceChanged(sourceId)
  }

  /** The source is no longer watched: everything about it goes. */
  forgetSource(sourceId: string): void {
    this.sources.forget(sourceId)
    this.dead.forgetSource(sourceId)
    this.news.forgetSource(sourceId)
    if (this.guard.forgetSource(sourceId)) this.marks.sourceChanged(sourceId)
    for (const [id, alert] of this.held) if (alert.transition.source === sourceId) this.held.delete(id)
    this.guardPending.delete(sourceId)
    if (this.held.size === 0 && this.guardPending.size === 0) this.batchDueMs = null
    for (const [id, view] of this.flapViews) {
      if (view.source !== sourceId) continue
      this.flaps.forget(id)
      this.flapViews.delete(id)
      this.marks.instanceChanged(id)
    }
  }

  /** Everything due by `now`, to show. */
  tick(now: Instant): NotificationView[] {
    const settleMs = this.flaps.nextSettleMs()
    if (settleMs !== null && settleMs <= now.monoMs) this.settleFlaps(now)
    const out: NotificationView[] = []
    if (this.batchDueMs !== null && this.batchDueMs <= now.monoMs) out.push(...this.releaseBatch(now))
    out.push(...this.releaseSourceNotices(now), ...this.releaseReminders(now))
    return out
  }

  /** When `tick` next has something to do (monotonic ms), or null. */
  nextWakeMs(): number | null {
    const candidates = [
      this.batchDueMs,
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
    return this.guard.degraded(sourceId)
  }

  takeMarkChanges(): MarkChanges {
    return this.marks.take()
  }

  /** Feeds the mass-silence guard; true when the guard's degraded episode stands for this change. */
  private trackSilence(view: TransitionView, now: Instant): boolean {
    const silentNow = view.to === 'stale' || view.to === 'dead'
    const silentBefore = view.from === 'stale' || view.from === 'dead'
    if (silentNow && !silentBefore) {
      const timing = this.world.timing(view.id)
      const silenceMs = timing === null ? 0 : view.to === 'dead' ? timing.deadAfterMs : timing.staleAfterMs
      this.guard.silent(
        view.source,
        view.id,
        now.monoMs - silenceMs,
        timing?.intervalMs ?? 0,
        view.to === 'dead',
      )
      this.evaluateGuardSoon(view.source, now)
    } else if (silentNow) {
      this.guard.died(view.source, view.id)
    } else if (silentBefore) {
      const wasMember = this.guard.spoke(view.source, view.id)
      if (this.guard.degraded(view.source)) this.evaluateGuardSoon(view.source, now)
      // The user never heard it fall silent, so its return is no news either.
      return wasMember
    }
    return silentNow && this.guard.covers(view.source, view.id)
  }

  private trackFlap(view: TransitionView, now: Instant): FlapVerdict {
    if (view.to === 'gone' || view.to === 'stopped') {
      if (this.flaps.forget(view.id)) this.marks.instanceChanged(view.id)
      this.flapViews.delete(view.id)
      return 'steady'
    }
    if (this.flaps.isFlapping(view.id)) this.flapViews.set(view.id, view)
    if (!isLivenessChange(view.from, view.to)) return 'steady'
    const verdict = this.flaps.change(view.id, view.to, now.monoMs)
    if (verdict === 'started') {
      this.flapViews.set(view.id, view)
      this.marks.instanceChanged(view.id)
    }
    return verdict
  }

  private settleFlaps(now: Instant): void {
    for (const { id } of this.flaps.settle(now.monoMs)) {
      this.marks.instanceChanged(id)
      const last = this.flapViews.get(id)
      this.flapViews.delete(id)
      if (!last) continue
      // What it settled in is news: the last thing the user heard was "flapping".
      const settled: TransitionView = { ...last, from: last.to, reason: 'no longer flapping' }
      const kind = settledKind(last.to, this.world.settings())
      if (kind !== null && !isSilenced(this.world, settled, now.wallMs)) {
        this.held.set(id, { kind, transition: settled, baseline: last.to })
        this.scheduleBatch(now)
      }
    }
  }

  private hold(view: TransitionView, kind: InstanceAlertKind | null, now: Instant): void {
    const existing = this.held.get(view.id)
    if (existing && view.to === existing.baseline && kind !== 'flapping') {
      this.held.delete(view.id)
      return
    }
    if (kind === null || isSilenced(this.world, view, now.wallMs)) {
      if (existing && (kind !== null || !LIVENESS_STATES.has(view.to))) this.held.delete(view.id)
      return
    }
    this.held.set(view.id, { kind, transition: view, baseline: existing?.baseline ?? view.from })
    this.storm.arrived(now.monoMs)
    this.scheduleBatch(now)
  }

  private evaluateGuardSoon(sourceId: string, now: Instant): void {
    this.guardPending.add(sourceId)
    this.scheduleBatch(now)
  }

  private scheduleBatch(now: Instant): void {
    if (this.batchDueMs !== null) return
    this.batchDueMs = Math.max(now.monoMs + this.tuning.holdMs, this.storm.earliestReleaseMs())
  }

  private releaseBatch(now: Instant): NotificationView[] {
    this.batchDueMs = null
    let alerts = [...this.held.values()]
    this.held.clear()
    const out: NotificationView[] = []
    for (const sourceId of this.guardPending) alerts = this.applyGuard(sourceId, alerts, out, now)
    this.guardPending.clear()
    if (this.world.snoozed(now.wallMs)) return []
    // Muted while it was held: the mute wins.
    alerts = alerts.filter((alert) => !isSilenced(this.world, alert.transition, now.wallMs))
    const storm = this.storm.isStorm(now.monoMs)
    if (storm && alerts.length > 0) this.storm.released(now.monoMs)
    if (storm && alerts.length > 1) {
      const sources = new Set(alerts.map((alert) => alert.transition.source))
      const target = sources.size === 1 ? ([...sources][0] ?? null) : null
      out.push(this.notices.make('summary', summaryText(alerts), target, now))
    } else {
      for (const group of byServiceAndKind(alerts)) {
        const [first] = group as [HeldAlert]
        const text = instanceText(group, this.world.serviceCounts(serviceIdOf(first.transition)))
        // Opens the (first) instance it names: a detail to look at, not a list to search.
        out.push(this.notices.make(first.kind, text, first.transition.id, now))
      }
    }
    return out
  }

  /** Lets the guard decide for one source; returns the alerts that still stand. */
  private applyGuard(
    sourceId: string,
    alerts: HeldAlert[],
    out: NotificationView[],
    now: Instant,
  ): HeldAlert[] {
    const verdict = this.guard.evaluate(sourceId, this.world.sourceCounts(sourceId).alive, now.wallMs)
    if (verdict === null) return alerts
    this.marks.sourceChanged(sourceId)
    const settings = this.world.settings()
    if (verdict.kind === 'tripped') {
      out.push(this.notices.make('degraded', degradedText(sourceId, verdict.degraded), sourceId, now))
      return alerts.filter(
        (alert) =>
          alert.kind === 'recovered' ||
          alert.transition.source !== sourceId ||
          !this.guard.covers(sourceId, alert.transition.id),
      )
    }
    if (settings.notifyRecovered)
      out.push(
        this.notices.make(
          'recovered',
          degradedClearedText(sourceId, verdict.back, verdict.stillDead.length),
          sourceId,
          now,
        ),
      )
    if (!settings.notifyDead) return alerts
    // No longer collective: those still dead are deaths of their own.
    const stillDead = verdict.stillDead.flatMap((id) => {
      const entry = this.dead.get(id)
      return entry
        ? [{ kind: 'dead' as const, transition: entry.transition, baseline: 'alive' as const }]
        : []
    })
    this.storm.arrived(now.monoMs, stillDead.length)
    return [...alerts, ...stillDead]
  }

  private releaseSourceNotices(now: Instant): NotificationView[] {
    return this.sources
      .release(now.monoMs, this.world.snoozed(now.wallMs))
      .map((notice) => this.notices.make('source', this.sourceText(notice), notice.sourceId, now))
  }

  private sourceText(notice: SourceNotice): Text {
    if (notice.kind === 'back') return sourceBackText(notice.sourceId)
    const counts = this.world.sourceCounts(notice.sourceId)
    const instances = counts.alive + counts.stale + counts.dead + counts.unknown
    return sourceLostText(notice.sourceId, notice.error, notice.everConnected, instances)
  }

  private releaseReminders(now: Instant): NotificationView[] {
    const settings = this.world.settings()
    const due = this.dead.due(now.monoMs, settings.reminderMinutes * 60_000)
    if (due.length === 0 || !settings.notifyDead || this.world.snoozed(now.wallMs)) return []
    const told = due.filter(
      ({ transition }) =>
        !isSilenced(this.world, transition, now.wallMs) &&
        !this.guard.covers(transition.source, transition.id) &&
        !this.flaps.isFlapping(transition.id),
    )
    const [first] = told
    if (!first) return []
    const text = reminderText(
      told.map((entry) => ({ transition: entry.transition, deadForMs: now.monoMs - entry.deadSinceMs })),
    )
    return [this.notices.make('reminder', text, told.length === 1 ? first.transition.id : null, now)]
  }
}

/** A held alert stands when its next change, among these, notifies nothing only because a switch is off. */
const LIVENESS_STATES: ReadonlySet<ServiceState> = new Set(['stale', 'dead', 'alive'])

/** Instances of one service with the same news go out as one notification. */
function byServiceAndKind(alerts: readonly HeldAlert[]): HeldAlert[][] {
  const groups = new Map<string, HeldAlert[]>()
  for (const alert of alerts) {
    const key = `${serviceIdOf(alert.transition)}|${alert.kind}`
    const group = groups.get(key)
    if (group) group.push(alert)
    else groups.set(key, [alert])
  }
  return [...groups.values()]
}
