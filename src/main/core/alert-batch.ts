/**
 * The next batch of instance alerts. Every notification is held `holdMs` to see whether a storm forms;
 * a change undone within the hold (stale, then alive again) is never sent. Sources whose silence the
 * mass-silence guard is to weigh wait for the same release. When it goes out, a storm's batch is one
 * summary; otherwise one notification per service and kind.
 */
import type { NotificationView, ServiceState, TransitionView } from '../../shared/model'
import { serviceIdOf } from '../../shared/rollup'
import { instanceText, summaryText, type InstanceAlert, type InstanceAlertKind } from './alert-text'
import { isSilenced, type AlertWorld } from './alert-world'
import type { Instant } from './monitor'
import type { NotificationMaker } from './notification-maker'
import type { StormWindow } from './storm-window'

export interface HeldAlert extends InstanceAlert {
  /** Its state before the first held change: back there within the hold, nothing happened. */
  baseline: ServiceState
}

export interface TakenBatch {
  alerts: HeldAlert[]
  sourcesToWeigh: string[]
}

/** A held alert stands when its next change, among these, notifies nothing only because a switch is off. */
const LIVENESS_STATES: ReadonlySet<ServiceState> = new Set(['stale', 'dead', 'alive'])

export class AlertBatch {
  private readonly held = new Map<string, HeldAlert>()
  private readonly sourcesToWeigh = new Set<string>()
  private dueMs: number | null = null

  constructor(
    private readonly world: AlertWorld,
    private readonly holdMs: number,
    private readonly storm: StormWindow,
    private readonly notices: NotificationMaker,
  ) {}

  /** An instance's change as news: `kind` null when it tells nothing, which may still undo what is held. */
  hold(view: TransitionView, kind: InstanceAlertKind | null, now: Instant): void {
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
    this.schedule(now)
  }

  /** What a flapping instance settled in: held like any news, though not a transition toward a storm. */
  holdSettled(alert: HeldAlert, now: Instant): void {
    this.held.set(alert.transition.id, alert)
    this.schedule(now)
  }

  /** Its change is told otherwise (a degraded source stands for it). */
  drop(instanceId: string): void {
    this.held.delete(instanceId)
  }

  /** The guard is to weigh this source's silence when the batch goes out. */
  weighSoon(sourceId: string, now: Instant): void {
    this.sourcesToWeigh.add(sourceId)
    this.schedule(now)
  }

  forgetSource(sourceId: string): void {
    for (const [id, alert] of this.held) if (alert.transition.source === sourceId) this.held.delete(id)
    this.sourcesToWeigh.delete(sourceId)
    if (this.held.size === 0 && this.sourcesToWeigh.size === 0) this.dueMs = null
  }

  isDue(nowMs: number): boolean {
    return this.dueMs !== null && this.dueMs <= nowMs
  }

  /** When the batch goes out (monotonic ms), or null when nothing waits. */
  nextDueMs(): number | null {
    return this.dueMs
  }

  /** Empties the batch; what was in it is the caller's to weigh and announce. */
  take(): TakenBatch {
    const taken = { alerts: [...this.held.values()], sourcesToWeigh: [...this.sourcesToWeigh] }
    this.dueMs = null
    this.held.clear()
    this.sourcesToWeigh.clear()
    return taken
  }

  /** The notifications for the alerts that stand as the batch goes out at `now`. */
  announce(alerts: readonly HeldAlert[], now: Instant): NotificationView[] {
    const storm = this.storm.isStorm(now.monoMs)
    if (storm && alerts.length > 0) this.storm.released(now.monoMs)
    if (storm && alerts.length > 1) {
      const sources = new Set(alerts.map((alert) => alert.transition.source))
      const target = sources.size === 1 ? ([...sources][0] ?? null) : null
      return [this.notices.make('summary', summaryText(alerts), target, now)]
    }
    return byServiceAndKind(alerts).map((group) => {
      const [first] = group as [HeldAlert]
      const text = instanceText(group, this.world.serviceCounts(serviceIdOf(first.transition)))
      // Opens the (first) instance it names: a detail to look at, not a list to search.
      return this.notices.make(first.kind, text, first.transition.id, now)
    })
  }

  private schedule(now: Instant): void {
    if (this.dueMs !== null) return
    this.dueMs = Math.max(now.monoMs + this.holdMs, this.storm.earliestReleaseMs())
  }
}

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
