/** What the alert policy asks of the app, always about the present; and the one rule built on it. */
import type { ServiceState, TransitionView, UserSettings } from '../../shared/model'
import { serviceIdOf } from '../../shared/rollup'

export type AlertSettings = Pick<
  UserSettings,
  'notifyStale' | 'notifyDead' | 'notifyRecovered' | 'reminderMinutes' | 'sound'
>

export interface InstanceTiming {
  intervalMs: number
  staleAfterMs: number
  deadAfterMs: number
}

export interface AlertWorld {
  settings(): AlertSettings
  /** Muted itself, or its service (`source|service`). */
  muted(instanceId: string, serviceId: string, wallMs: number): boolean
  snoozed(wallMs: number): boolean
  serviceCounts(serviceId: string): Record<ServiceState, number>
  sourceCounts(sourceId: string): Record<ServiceState, number>
  /** An instance's expected interval and thresholds, or null once it is forgotten. */
  timing(instanceId: string): InstanceTiming | null
}

/** Snoozed, or the instance or its service muted: nothing about it is told. */
export function isSilenced(world: AlertWorld, view: TransitionView, wallMs: number): boolean {
  return world.snoozed(wallMs) || world.muted(view.id, serviceIdOf(view), wallMs)
}
