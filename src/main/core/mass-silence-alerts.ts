/**
 * The mass-silence guard (mass-silence.ts) applied to alerts: every fall into silence feeds it, and as a
 * batch goes out it weighs each source concerned. While a source is degraded, one "degraded" alert
 * stands for its silent instances; once it clears, those still dead are deaths of their own again.
 */
import type { TransitionView } from '../../shared/model'
import type { HeldAlert, AlertBatch } from './alert-batch'
import type { AlertMarks } from './alert-marks'
import { degradedClearedText, degradedText, type Text } from './alert-text'
import type { AlertWorld } from './alert-world'
import type { DeadReminders } from './dead-reminders'
import { MassSilenceGuard, type Degraded, type MassSilenceTuning } from './mass-silence'
import type { Instant } from './monitor'

export interface SilenceWeighing {
  /** The source's own notification: degraded when it trips, recovered when it clears. */
  notice: { kind: 'degraded' | 'recovered'; text: Text } | null
  /** The alerts that still stand, those no longer covered by the degraded source last. */
  alerts: HeldAlert[]
  /** How many of `alerts` are deaths told anew: they count toward a storm. */
  revived: number
}

export class MassSilenceAlerts {
  private readonly guard: MassSilenceGuard

  constructor(
    private readonly world: AlertWorld,
    tuning: MassSilenceTuning,
    private readonly batch: AlertBatch,
    private readonly marks: AlertMarks,
    private readonly dead: DeadReminders,
  ) {
    this.guard = new MassSilenceGuard(tuning)
  }

  /** Feeds the guard; true when the guard's degraded episode stands for this change. */
  track(view: TransitionView, now: Instant): boolean {
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
      this.batch.weighSoon(view.source, now)
    } else if (silentNow) {
      this.guard.died(view.source, view.id)
    } else if (silentBefore) {
      const wasMember = this.guard.spoke(view.source, view.id)
      if (this.guard.degraded(view.source)) this.batch.weighSoon(view.source, now)
      // The user never heard it fall silent, so its return is no news either.
      return wasMember
    }
    return silentNow && this.guard.covers(view.source, view.id)
  }

  /** The source dropped or left: its silence is told as the source's own story, not as degraded. */
  forgetSource(sourceId: string): void {
    if (this.guard.forgetSource(sourceId)) this.marks.sourceChanged(sourceId)
  }

  covers(sourceId: string, instanceId: string): boolean {
    return this.guard.covers(sourceId, instanceId)
  }

  degraded(sourceId: string): Degraded | null {
    return this.guard.degraded(sourceId)
  }

  /** Lets the guard decide for one source as a batch goes out; null when nothing changes. */
  weigh(sourceId: string, alerts: HeldAlert[], now: Instant): SilenceWeighing | null {
    const verdict = this.guard.evaluate(sourceId, this.world.sourceCounts(sourceId).alive, now.wallMs)
    if (verdict === null) return null
    this.marks.sourceChanged(sourceId)
    const settings = this.world.settings()
    if (verdict.kind === 'tripped') {
      const standing = alerts.filter(
        (alert) =>
          alert.kind === 'recovered' ||
          alert.transition.source !== sourceId ||
          !this.guard.covers(sourceId, alert.transition.id),
      )
      const text = degradedText(sourceId, verdict.degraded)
      return { notice: { kind: 'degraded', text }, alerts: standing, revived: 0 }
    }
    const notice = settings.notifyRecovered
      ? {
          kind: 'recovered' as const,
          text: degradedClearedText(sourceId, verdict.back, verdict.stillDead.length),
        }
      : null
    if (!settings.notifyDead) return { notice, alerts, revived: 0 }
    // No longer collective: those still dead are deaths of their own.
    const stillDead = verdict.stillDead.flatMap((id) => {
      const entry = this.dead.get(id)
      return entry
        ? [{ kind: 'dead' as const, transition: entry.transition, baseline: 'alive' as const }]
        : []
    })
    return { notice, alerts: [...alerts, ...stillDead], revived: stillDead.length }
  }
}
