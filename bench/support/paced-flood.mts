/**
 * Seed 001 heartbeats for many services at a steady rate over Redis pub/sub, each service beating once
 * per `services / perSecond` seconds and declaring that interval, as our HeartbeatPublisher does.
 */
import { performance } from 'node:perf_hooks'
import { Redis } from 'ioredis'
import { buildSeed001Message } from '../../src/publisher/seed001-message'

export interface PacedFloodOptions {
  url: string
  /** Channels are `${channelPrefix}:heartbeat:service:svc-N`. */
  channelPrefix: string
  services: number
  perSecond: number
}

export interface PacedFlood {
  /** Stops publishing; resolves once every message is with Redis. */
  stop(): Promise<{ sent: number; perSecond: number }>
}

/** Publishes are batched every few milliseconds, catching up on what is due by the clock. */
const BATCH_EVERY_MS = 10

export function startPacedFlood(options: PacedFloodOptions): PacedFlood {
  const { services, perSecond } = options
  const publisher = new Redis(options.url)
  const channels = Array.from(
    { length: services },
    (_, i) => `${options.channelPrefix}:heartbeat:service:svc-${i}`,
  )
  const intervalSeconds = services / perSecond
  const startMs = performance.now()
  let sent = 0
  let inFlight: Promise<unknown> = Promise.resolve()
  let busy = false

  const publishDue = (): void => {
    if (busy) return
    const due = Math.floor(((performance.now() - startMs) / 1000) * perSecond)
    if (due <= sent) return
    const pipeline = publisher.pipeline()
    const wallMs = Date.now()
    for (; sent < due; sent++) {
      const service = sent % services
      const beat = Math.floor(sent / services)
      const message = buildSeed001Message({
        serviceName: `svc-${service}`,
        instanceId: `00000000-0000-4000-8000-${String(service).padStart(12, '0')}`,
        sentAtEpochMs: wallMs,
        uptimeSeconds: beat * intervalSeconds,
        heartbeatCount: beat + 1,
        memoryUsageMb: 156.3,
        cpuUsagePercent: 12.5,
        intervalSeconds,
        extras: { queue_size: beat % 1_500, api_status: 'authenticated' },
      })
      pipeline.publish(channels[service] as string, JSON.stringify(message))
    }
    busy = true
    inFlight = pipeline.exec().finally(() => (busy = false))
  }
  const timer = setInterval(publishDue, BATCH_EVERY_MS)

  return {
    async stop() {
      clearInterval(timer)
      const seconds = (performance.now() - startMs) / 1000
      await inFlight
      await publisher.quit()
      return { sent, perSecond: Math.round(sent / seconds) }
    },
  }
}
