/**
 * The ui bench's load: seed 001 heartbeats POSTed to the app's built-in push endpoint, from a process of
 * its own so the load never shares the app's (or the browser driver's) event loop. First one heartbeat
 * for every service as fast as the endpoint takes them, then a steady rate, every service in turn.
 * Prints "registered" once every service has been accepted, and its achieved rate on SIGTERM.
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { buildSeed001Message } from '../../src/publisher/seed001-message'

export interface FeedOptions {
  pushPort: number
  services: number
  perSecond: number
}

export interface FeedReport {
  streamed: number
  failed: number
  perSecond: number
}

/** Requests in flight at once: enough to keep the endpoint busy, few enough not to queue in it. */
const MAX_IN_FLIGHT = 32
const PACE_EVERY_MS = 10

function serviceName(index: number): string {
  return `svc-${String(index).padStart(5, '0')}`
}

export async function runFeed(options: FeedOptions): Promise<void> {
  // First in, first out: every connection stays busy, so none sits idle until the server closes it under
  // a request (a keep-alive race that would count as a failed heartbeat).
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT, scheduling: 'fifo' })
  // Each service beats once per round of the rotation, and says so, as a real one would.
  const intervalSeconds = options.services / options.perSecond
  let inFlight = 0
  let failed = 0

  /** The `sequence`th heartbeat of the feed: every service in turn. */
  const post = (sequence: number): Promise<void> =>
    new Promise((resolve) => {
      const index = sequence % options.services
      const service = serviceName(index)
      const body = JSON.stringify(
        buildSeed001Message({
          serviceName: service,
          instanceId: `${service}-0`,
          sentAtEpochMs: Date.now(),
          uptimeSeconds: 3600.5,
          heartbeatCount: Math.floor(sequence / options.services),
          memoryUsageMb: 156.3,
          cpuUsagePercent: 12.5,
          intervalSeconds,
          extras: { queue_size: index % 1_000 },
        }),
      )
      inFlight++
      let settled = false
      const settle = (ok: boolean): void => {
        if (settled) return
        settled = true
        if (!ok) failed++
        inFlight--
        resolve()
      }
      const request = http.request(
        {
          host: '127.0.0.1',
          port: options.pushPort,
          path: '/heartbeat',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume()
          response.on('end', () => settle(response.statusCode === 200))
        },
      )
      request.on('error', () => settle(false))
      request.end(body)
    })

  // Registration: a bounded number in flight, all answered before the steady rate starts.
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(MAX_IN_FLIGHT, options.services) }, async () => {
      while (next < options.services) await post(next++)
    }),
  )
  if (failed > 0) throw new Error(`push endpoint refused ${failed} of ${options.services} registrations`)
  console.log('registered')

  const startedAt = performance.now()
  let slots = 0
  let streamed = 0
  const pace = setInterval(() => {
    const due = Math.floor(((performance.now() - startedAt) / 1000) * options.perSecond)
    // A slot that finds the endpoint saturated is skipped, not queued: no catch-up bursts, and the
    // achieved rate reports the shortfall.
    for (; slots < due; slots++) if (inFlight < MAX_IN_FLIGHT) void post(options.services + streamed++)
  }, PACE_EVERY_MS)

  process.once('SIGTERM', () => {
    clearInterval(pace)
    const seconds = (performance.now() - startedAt) / 1000
    const report: FeedReport = { streamed, failed, perSecond: Math.round(streamed / seconds) }
    console.log(JSON.stringify(report))
    agent.destroy()
    process.exit(0)
  })
}
