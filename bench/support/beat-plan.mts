/**
 * The detect bench's services: mixed declared intervals (0.5 s … 60 s), every fourth one jittery, and
 * a chosen few that stop beating at set moments. Seeded, so every consumer faces the same schedule.
 */
import { seededRandom } from '../../test/scenarios/scenario-harness'

export interface PlannedService {
  name: string
  intervalMs: number
  /** Each gap is intervalMs × (1 ± up to this); 0 for a steady service. */
  jitter: number
  /** When its first beat is due, from the start of the run. */
  firstBeatMs: number
  /** No beat is sent at or after this moment of the run; null: it beats throughout. */
  stopAtMs: number | null
}

export interface PlanOptions {
  services: number
  stopped: number
  /** Which share of the stopped services each interval class gives (INTERVAL_MIX order). */
  stoppedShares: readonly number[]
  stopFromMs: number
  stopSpanMs: number
}

/** About 12,000 heartbeats a second from 10,000 services, most of them from the fast ones. */
export const INTERVAL_MIX = [
  { seconds: 0.5, share: 0.45 },
  { seconds: 1, share: 0.2 },
  { seconds: 2, share: 0.15 },
  { seconds: 5, share: 0.1 },
  { seconds: 15, share: 0.06 },
  { seconds: 60, share: 0.04 },
] as const

/** ±25 %: a jittery gap stays under the 1.5 × interval at which a service turns stale. */
export const JITTER = 0.25
/** A fleet already running when we start watching: every service beats first within this. */
const FIRST_BEATS_WITHIN_MS = 2_000

export function planServices(options: PlanOptions): PlannedService[] {
  const random = seededRandom(1)
  const plan: PlannedService[] = []
  INTERVAL_MIX.forEach((mix, classIndex) => {
    const last = classIndex === INTERVAL_MIX.length - 1
    const count = last ? options.services - plan.length : Math.round(mix.share * options.services)
    const stopCount = Math.round((options.stoppedShares[classIndex] ?? 0) * options.stopped)
    const intervalMs = mix.seconds * 1_000
    for (let k = 0; k < count; k++) {
      const index = plan.length
      plan.push({
        name: `svc-${index}`,
        intervalMs,
        jitter: index % 4 === 3 ? JITTER : 0,
        firstBeatMs: random() * Math.min(intervalMs, FIRST_BEATS_WITHIN_MS),
        stopAtMs: k < stopCount ? options.stopFromMs + random() * options.stopSpanMs : null,
      })
    }
  })
  return plan
}

/** When the last stopped service is due dead: after this, nothing more is expected to happen. */
export function lastDeadlineMs(plan: readonly PlannedService[], deadFactor: number): number {
  let latest = 0
  for (const service of plan) {
    if (service.stopAtMs !== null)
      latest = Math.max(latest, service.stopAtMs + deadFactor * service.intervalMs)
  }
  return latest
}
