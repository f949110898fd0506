/**
 * Plays a beat plan (beat-plan.mts) over Redis pub/sub, as a fleet of seed 001 publishers would: each
 * service on its own declared interval, jittery ones drawing each gap afresh, stopped ones falling
 * silent. It runs in a process of its own, so no watcher shares its event loop. Beats are filed in
 * slots of SLOT_MS on a timing wheel and sent, pipelined, as their slot comes due.
 */
import { performance } from 'node:perf_hooks'
import { Redis } from 'ioredis'
import { buildSeed001Message } from '../../src/publisher/seed001-message'
import { seededRandom } from '../../test/scenarios/scenario-harness'
import type { PlannedService } from './beat-plan.mts'

const SLOT_MS = 5

export interface PublisherOptions {
  url: string
  /** Channels are `${channelPrefix}:heartbeat:service:NAME`. */
  channelPrefix: string
  plan: PlannedService[]
  /** Says 'stopping' when the run reaches this moment, when services begin to stop. */
  stopFromMs: number
  runMs: number
  /** A gap longer than this × the interval is reported overdue (the stale factor). */
  overdueAfter: number
}

/**
 * Times are on a clock every thread of the process shares: performance.timeOrigin + performance.now().
 * A gap is overdue when the publisher itself, starved of CPU, left a service silent for longer than
 * `overdueAfter` × its interval: a stale that follows is the machine's doing, not the watcher's.
 */
export interface OverdueGap {
  service: string
  fromMs: number
  toMs: number
}

export type PublisherReport =
  | { kind: 'stopping' }
  | {
      kind: 'done'
      sent: number
      /** The latest any beat went out after its due time. */
      lagMaxMs: number
      overdue: OverdueGap[]
      /** When the last beats went out: every service falls silent after this. */
      endedAtMs: number
    }

export async function publishPlan(
  options: PublisherOptions,
  report: (message: PublisherReport) => void,
): Promise<void> {
  const { plan } = options
  const publisher = new Redis(options.url)
  const random = seededRandom(2)
  const channels = plan.map((service) => `${options.channelPrefix}:heartbeat:service:${service.name}`)
  const beatCounts = new Uint32Array(plan.length)
  const dueAtMs = new Float64Array(plan.length)
  const sentAtMs = new Float64Array(plan.length)
  const overdue: OverdueGap[] = []
  const wheel = new Map<number, number[]>()
  const file = (index: number, atMs: number): void => {
    const service = plan[index] as PlannedService
    if (atMs >= options.runMs || (service.stopAtMs !== null && atMs >= service.stopAtMs)) return
    dueAtMs[index] = atMs
    const slot = Math.floor(atMs / SLOT_MS)
    const filed = wheel.get(slot)
    if (filed) filed.push(index)
    else wheel.set(slot, [index])
  }
  plan.forEach((service, index) => file(index, service.firstBeatMs))

  const sharedNow = (): number => performance.timeOrigin + performance.now()
  const startMs = performance.now()
  let nextSlot = 0
  let sent = 0
  let lagMaxMs = 0
  let stoppingSaid = false
  let lastExec: Promise<unknown> = Promise.resolve()
  for (;;) {
    const nowMs = performance.now() - startMs
    if (!stoppingSaid && nowMs >= options.stopFromMs) {
      stoppingSaid = true
      report({ kind: 'stopping' })
    }
    if (nowMs >= options.runMs) break
    const pipeline = publisher.pipeline()
    const wallMs = Date.now()
    const sharedMs = sharedNow()
    let batched = 0
    for (const lastSlot = Math.floor(nowMs / SLOT_MS); nextSlot <= lastSlot; nextSlot++) {
      for (const index of wheel.get(nextSlot) ?? []) {
        const service = plan[index] as PlannedService
        const beat = (beatCounts[index] as number) + 1
        beatCounts[index] = beat
        lagMaxMs = Math.max(lagMaxMs, nowMs - (dueAtMs[index] as number))
        const lastSentMs = sentAtMs[index] as number
        if (lastSentMs > 0 && sharedMs - lastSentMs > options.overdueAfter * service.intervalMs)
          overdue.push({ service: service.name, fromMs: lastSentMs, toMs: sharedMs })
        sentAtMs[index] = sharedMs
        const message = buildSeed001Message({
          serviceName: service.name,
          instanceId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          sentAtEpochMs: wallMs,
          uptimeSeconds: (beat * service.intervalMs) / 1_000,
          heartbeatCount: beat,
          memoryUsageMb: 156.3,
          cpuUsagePercent: 12.5,
          intervalSeconds: service.intervalMs / 1_000,
          extras: { queue_size: beat % 1_500, api_status: 'authenticated' },
        })
        pipeline.publish(channels[index] as string, JSON.stringify(message))
        batched++
        const gapMs = service.intervalMs * (1 + service.jitter * (2 * random() - 1))
        file(index, (dueAtMs[index] as number) + gapMs)
      }
      wheel.delete(nextSlot)
    }
    if (batched > 0) {
      sent += batched
      lastExec = pipeline.exec()
    }
    await new Promise((resolve) => setTimeout(resolve, SLOT_MS))
  }
  const endedAtMs = sharedNow()
  await lastExec
  await publisher.quit()
  report({ kind: 'done', sent, lagMaxMs, overdue, endedAtMs })
}
