/**
 * `heartbeat-tray demo`: a handful of simulated services over the built-in push endpoint (or any
 * publisher URL), so a newcomer sees every state within a minute: steady ones, a jittery one, one that
 * dies, one that keeps recovering, one redeployed under new instance ids, and a pinged backup job.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { HeartbeatPublisher } from './heartbeat-publisher'
import { createTransport, type Transport } from './transport'

export interface DemoOptions {
  /** Where to publish: push://127.0.0.1:7475 by default. */
  to?: string
  log?: (line: string) => void
  random?: () => number
}

export interface Demo {
  services: string[]
  stop(): Promise<void>
}

export const DEMO_TARGET = 'push://127.0.0.1:7475'
const SECOND = 1_000

export function startDemo(options: DemoOptions = {}): Demo {
  const to = options.to ?? DEMO_TARGET
  const transport = createTransport(to)
  const random = options.random ?? Math.random
  const log = options.log ?? (() => undefined)
  const abort = new AbortController()
  const { signal } = abort
  let failing = false
  const publisher = (service: string, intervalMs: number, instanceId?: string): HeartbeatPublisher =>
    new HeartbeatPublisher(service, {
      to: transport,
      interval: intervalMs,
      instanceId,
      onError: () => undefined,
    })
  /** One heartbeat; the first failure in a row is said once, not every beat. */
  const beat = async (heartbeat: HeartbeatPublisher): Promise<void> => {
    try {
      await heartbeat.publishOnce()
      if (failing) log(`demo: publishing to ${transport.description} again`)
      failing = false
    } catch (error) {
      if (!failing) log(`demo: cannot publish to ${transport.description}: ${(error as Error).message}`)
      failing = true
    }
  }
  const every = async (
    heartbeat: HeartbeatPublisher,
    delayMs: () => number,
    whileTrue: () => boolean = () => true,
  ) => {
    while (!signal.aborted && whileTrue()) {
      await beat(heartbeat)
      await pause(delayMs(), signal)
    }
  }

  const actors: Record<string, () => Promise<void>> = {
    // Three steady replicas of one service.
    'demo-checkout-api': async () => {
      await Promise.all(
        ['a', 'b', 'c'].map((replica) =>
          every(publisher('demo-checkout-api', 2 * SECOND, `checkout-${replica}`), () => 2 * SECOND),
        ),
      )
    },
    'demo-email-worker': () => every(publisher('demo-email-worker', 3 * SECOND), () => 3 * SECOND),
    // Declares no interval: the app learns it, and a long gap now and then shows stale.
    'demo-geocoder': () => every(jitteryPublisher(transport), () => (1.2 + 1.6 * random()) * SECOND),
    // Beats for 20 s, then dies for good: stale after 3 s of silence, dead after 6 s.
    'demo-report-builder': async () => {
      const startedAt = Date.now()
      await every(
        publisher('demo-report-builder', 2 * SECOND),
        () => 2 * SECOND,
        () => Date.now() - startedAt < 20 * SECOND,
      )
      log('demo: demo-report-builder has died (it will go stale, then dead)')
    },
    // Up 15 s, down 12 s, again and again: dead, then recovered.
    'demo-payment-sync': async () => {
      const heartbeat = publisher('demo-payment-sync', 2 * SECOND)
      while (!signal.aborted) {
        const upUntil = Date.now() + 15 * SECOND
        await every(
          heartbeat,
          () => 2 * SECOND,
          () => Date.now() < upUntil,
        )
        await pause(12 * SECOND, signal)
      }
    },
    // Redeployed every 30 s under a new instance id: the old one is gone (replaced), not dead.
    'demo-search-indexer': async () => {
      while (!signal.aborted) {
        const deployedAt = Date.now()
        await every(
          publisher('demo-search-indexer', 2 * SECOND),
          () => 2 * SECOND,
          () => Date.now() - deployedAt < 30 * SECOND,
        )
        await pause(SECOND, signal)
      }
    },
    // A job pinging Healthchecks-style: start, work 1.5 s, success; every 5 s.
    'demo-nightly-backup': async () => {
      while (!signal.aborted) {
        await ping(to, 'demo-nightly-backup/start')
        await pause(1.5 * SECOND, signal)
        await ping(to, 'demo-nightly-backup')
        await pause(3.5 * SECOND, signal)
      }
    },
  }
  const running = Object.values(actors).map((actor) => actor().catch(() => undefined))
  return {
    services: Object.keys(actors),
    async stop() {
      abort.abort()
      await Promise.all(running)
      await transport.close()
    },
  }
}

function jitteryPublisher(transport: Transport): HeartbeatPublisher {
  return new HeartbeatPublisher('demo-geocoder', {
    to: transport,
    declareInterval: false,
    onError: () => undefined,
  })
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined)
}

/** A Healthchecks-style ping to the push endpoint; only meaningful for push:// and http(s):// targets. */
async function ping(to: string, path: string): Promise<void> {
  const url = new URL(to)
  if (!['push:', 'http:', 'https:'].includes(url.protocol)) return
  const base = `${url.protocol === 'https:' ? 'https' : 'http'}://${url.host}`
  const token = url.searchParams.get('token')
  await fetch(`${base}/ping/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).catch(
    () => undefined,
  )
}
