/**
 * Runs the alert policy (core/alert-policy.ts) against the live engine: feeds it every transition and
 * source health change, owns the one timer for its next wake-up (not one per service), and hands out
 * what it decides: at once to listeners (the Electron notifier), and batched into the next delta for
 * browser UIs. Also carries the policy's marks (flapping, degraded) onto the views.
 */
import { performance } from 'node:perf_hooks'
import type { NotificationView, ServiceRow, SourceView } from '../shared/model'
import { serviceIdOf } from '../shared/rollup'
import { AlertPolicy, type AlertSettings, type AlertTuning, type AlertWorld } from './core/alert-policy'
import { degradedReason } from './core/alert-text'
import type { Mutes } from './core/mutes'
import { realNow } from './clock'
import type { Engine } from './engine'

/** Node's setTimeout cannot wait longer than 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647
/** Kept for the next delta at most; with no UI draining them, older ones are dropped. */
const MAX_PENDING = 100

export interface AlertingOptions {
  engine: Engine
  mutes: Mutes
  settings: () => AlertSettings
  /** An instance is alive again: its until-recovered mute may end (Controller.noteRecovery). */
  noteRecovery: (instanceId: string, serviceId: string, serviceStillFailing: boolean) => void
  tuning?: AlertTuning
}

export class Alerting {
  private readonly policy: AlertPolicy
  private timer: NodeJS.Timeout | null = null
  private timerDueMs: number | null = null
  private pending: NotificationView[] = []
  private changedSources = new Set<string>()
  private readonly listeners = new Set<(notification: NotificationView) => void>()
  private readonly unsubscribe: (() => void)[]
  private afterPolicyQueued = false
  private stopped = false

  constructor(private readonly options: AlertingOptions) {
    const { engine, mutes } = options
    const world: AlertWorld = {
      settings: options.settings,
      muted: (instanceId, serviceId, wallMs) => mutes.muteOf(instanceId, serviceId, wallMs) !== null,
      snoozed: (wallMs) => mutes.isSnoozed(wallMs),
      serviceCounts: (serviceId) => engine.stateCounts({ serviceId }),
      sourceCounts: (sourceId) => engine.stateCounts({ sourceId }),
      timing: (instanceId) => engine.timingOf(instanceId),
    }
    this.policy = new AlertPolicy(world, options.tuning)
    this.unsubscribe = [
      engine.onTransition((view) => {
        const now = realNow()
        this.policy.transition(view, now)
        if (view.to === 'alive') this.recovered(view.id, serviceIdOf(view), now.wallMs)
        this.afterPolicySoon()
      }),
      engine.onSourceHealth((sourceId, state, error) => {
        this.policy.sourceHealth(sourceId, state, error, realNow())
        this.afterPolicy()
      }),
    ]
  }

  onNotification(listener: (notification: NotificationView) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Notifications decided since the last call, for the next delta. */
  takeNotifications(): NotificationView[] {
    const taken = this.pending
    this.pending = []
    return taken
  }

  /** Sources whose degraded mark changed since the last call. */
  takeChangedSources(): Set<string> {
    const taken = this.changedSources
    this.changedSources = new Set()
    return taken
  }

  /** Rows or views with the policy's marks on them: flapping instances. */
  markServices<T extends ServiceRow>(views: T[]): T[] {
    return views.map((view) => this.markService(view))
  }

  markService<T extends ServiceRow>(view: T): T {
    return this.policy.isFlapping(view.id) ? { ...view, flapping: true } : view
  }

  /** The views with the policy's marks on them: degraded sources. */
  markSources(views: SourceView[]): SourceView[] {
    return views.map((view) => {
      const degraded = this.policy.degraded(view.id)
      if (!degraded) return view
      return {
        ...view,
        degraded: { since: new Date(degraded.sinceWallMs).toISOString(), reason: degradedReason(degraded) },
      }
    })
  }

  stop(): void {
    this.stopped = true
    for (const unsubscribe of this.unsubscribe) unsubscribe()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.timerDueMs = null
  }

  /** An until-recovered mute ends when it recovers; the service's only once none of it is failing. */
  private recovered(instanceId: string, serviceId: string, wallMs: number): void {
    const { mutes } = this.options
    const untilRecovered = (target: string): boolean =>
      mutes.muteOf(target, target, wallMs)?.untilWallMs === null
    if (!untilRecovered(instanceId) && !untilRecovered(serviceId)) return
    const counts = this.options.engine.stateCounts({ serviceId })
    this.options.noteRecovery(instanceId, serviceId, counts.stale + counts.dead > 0)
  }

  /**
   * Transitions come in bursts (a tick, a source's loss: thousands at once): marks and the timer follow
   * once the burst is over, so a storm costs one look at every flapping instance, not one per transition.
   */
  private afterPolicySoon(): void {
    if (this.afterPolicyQueued) return
    this.afterPolicyQueued = true
    queueMicrotask(() => {
      this.afterPolicyQueued = false
      if (!this.stopped) this.afterPolicy()
    })
  }

  private afterPolicy(): void {
    const marks = this.policy.takeMarkChanges()
    this.options.engine.refresh(marks.instances)
    for (const id of marks.sources) this.changedSources.add(id)
    if (marks.sources.length > 0) this.options.engine.announce()
    this.armTimer()
  }

  private armTimer(): void {
    const next = this.policy.nextWakeMs()
    if (next === null || (this.timerDueMs !== null && this.timerDueMs <= next)) return
    if (this.timer) clearTimeout(this.timer)
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(next - performance.now())))
    this.timerDueMs = next
    this.timer = setTimeout(() => this.onTimer(), delay)
  }

  private onTimer(): void {
    this.timer = null
    this.timerDueMs = null
    const notifications = this.policy.tick(realNow())
    if (notifications.length > 0) {
      this.pending.push(...notifications)
      if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING)
      for (const notification of notifications) for (const listener of this.listeners) listener(notification)
      this.options.engine.announce()
    }
    this.afterPolicy()
  }
}
