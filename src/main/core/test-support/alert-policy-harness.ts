/** The app around an AlertPolicy, for its tests: instances, settings, mutes and a clock the test drives. */
import type { NotificationView, ServiceState } from '../../../shared/model'
import { emptyStateCounts } from '../../../shared/rollup'
import { AlertPolicy, type AlertSettings, type AlertWorld } from '../alert-policy'
import type { Instant } from '../monitor'
import { Mutes } from '../mutes'

export const SOURCE = 'redis://prod'
export const WALL_0 = 1_700_000_000_000
export const at = (monoMs: number): Instant => ({ monoMs, wallMs: WALL_0 + monoMs })
export const MIN = 60_000

interface FakeInstance {
  service: string
  instance: string
  source: string
  state: ServiceState
}

/** The app around the policy: instances with states, settings, mutes; and a clock driven by the test. */
export class Scene implements AlertWorld {
  readonly instances = new Map<string, FakeInstance>()
  readonly mutes = new Mutes()
  readonly shown: (NotificationView & { atMs: number })[] = []
  notifications: AlertSettings = {
    notifyStale: true,
    notifyDead: true,
    notifyRecovered: true,
    reminderMinutes: 0,
    sound: true,
  }
  readonly policy = new AlertPolicy(this)
  nowMs = 0

  settings(): AlertSettings {
    return this.notifications
  }
  muted(instanceId: string, serviceId: string, wallMs: number): boolean {
    return this.mutes.muteOf(instanceId, serviceId, wallMs) !== null
  }
  snoozed(wallMs: number): boolean {
    return this.mutes.isSnoozed(wallMs)
  }
  serviceCounts(serviceId: string): Record<ServiceState, number> {
    return this.count((instance) => `${instance.source}|${instance.service}` === serviceId)
  }
  sourceCounts(sourceId: string): Record<ServiceState, number> {
    return this.count((instance) => instance.source === sourceId)
  }
  timing(): { intervalMs: number; staleAfterMs: number; deadAfterMs: number } {
    return { intervalMs: 1_000, staleAfterMs: 1_500, deadAfterMs: 3_000 }
  }

  /** Adds instances, alive, without telling the policy (as if they had been alive all along). */
  alive(service: string, count = 1, source = SOURCE): string[] {
    return Array.from({ length: count }, (_, index) => {
      const instance = count === 1 ? service : `${service}-${index + 1}`
      const id = `${source}|${service}|${instance}`
      this.instances.set(id, { service, instance, source, state: 'alive' })
      return id
    })
  }

  /** Moves an instance to a state at the scene's current time and tells the policy. */
  move(id: string, to: ServiceState, reason = 'no heartbeat for 3 s (dead after 3 s)'): void {
    const instance = this.instances.get(id)
    if (!instance) throw new Error(`no instance ${id}`)
    const from = instance.state
    instance.state = to
    const now = at(this.nowMs)
    this.policy.transition({ ...instance, id, from, to, at: new Date(now.wallMs).toISOString(), reason }, now)
  }

  source(state: 'connecting' | 'connected' | 'disconnected', error: string | null = null): void {
    this.policy.sourceHealth(SOURCE, state, error, at(this.nowMs))
  }

  /** Runs the policy's wake-ups up to `untilMs`, as the controller's one timer would. */
  runUntil(untilMs: number): void {
    for (
      let next = this.policy.nextWakeMs();
      next !== null && next <= untilMs;
      next = this.policy.nextWakeMs()
    ) {
      this.nowMs = Math.max(this.nowMs, next)
      for (const notification of this.policy.tick(at(this.nowMs)))
        this.shown.push({ ...notification, atMs: this.nowMs })
    }
    this.nowMs = Math.max(this.nowMs, untilMs)
  }

  titles(): string[] {
    return this.shown.map((notification) => notification.title)
  }

  private count(match: (instance: FakeInstance) => boolean): Record<ServiceState, number> {
    const counts = emptyStateCounts()
    for (const instance of this.instances.values()) if (match(instance)) counts[instance.state]++
    return counts
  }
}
