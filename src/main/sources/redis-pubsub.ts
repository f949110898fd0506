/** Redis/Valkey pub/sub: PSUBSCRIBE to the configured patterns; each message is one heartbeat. */
import { Redis } from 'ioredis'
import type { RedisPubSubSpec } from '../core/source-url'
import { redisOptions } from './redis-connection'
import { describeError } from './errors'
import type { Source, SourceListener } from './source'

/**
 * A connection can die silently (laptop sleep, Wi-Fi change, a NAT dropping state) and TCP keepalive
 * takes minutes to notice: every services would age to `dead`. A PING every PROBE_EVERY_MS that is not
 * answered within PROBE_TIMEOUT_MS drops the connection, so its services become `unknown` instead.
 */
const PROBE_EVERY_MS = 15_000
const PROBE_TIMEOUT_MS = 5_000

export class RedisPubSubSource implements Source {
  private client: Redis | null = null
  private probeTimer: NodeJS.Timeout | null = null
  private stopping = false
  private lastError: string | null = null

  constructor(private readonly spec: RedisPubSubSpec) {}

  start(listener: SourceListener): void {
    let client: Redis
    try {
      client = new Redis(redisOptions(this.spec.connection, 'heartbeat-tray:pubsub'))
    } catch (error) {
      listener.health('disconnected', describeError(error))
      return
    }
    this.client = client
    listener.health('connecting', null)
    client.on('ready', () => void this.subscribe(client, listener))
    client.on('pmessage', (_pattern: string, channel: string, message: string) =>
      listener.message(message, channel),
    )
    client.on('error', (error: unknown) => {
      this.lastError = describeError(error)
    })
    client.on('close', () => {
      if (this.stopping) return
      listener.health('disconnected', this.lastError ?? 'connection closed')
    })
    client.connect().catch(() => {
      // Reported through 'error' and 'close'; ioredis's retryStrategy keeps trying.
    })
    this.probeTimer = setInterval(() => void this.probe(client), PROBE_EVERY_MS)
    this.probeTimer.unref()
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.probeTimer) clearInterval(this.probeTimer)
    const client = this.client
    this.client = null
    if (!client) return
    try {
      await client.quit()
    } catch {
      client.disconnect()
    }
  }

  private async subscribe(client: Redis, listener: SourceListener): Promise<void> {
    try {
      await client.psubscribe(...this.spec.patterns)
      this.lastError = null
      listener.health('connected', null)
    } catch (error) {
      this.lastError = `PSUBSCRIBE failed: ${describeError(error)}`
      listener.health('disconnected', this.lastError)
      client.disconnect(true)
    }
  }

  private async probe(client: Redis): Promise<void> {
    if (client.status !== 'ready') return
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), PROBE_TIMEOUT_MS)
    })
    const answer = await Promise.race([client.ping().catch(() => 'failed'), timeout])
    clearTimeout(timer)
    if (answer === 'timeout' && client.status === 'ready') {
      this.lastError = `no answer to PING within ${PROBE_TIMEOUT_MS / 1000} s`
      client.disconnect(true)
    }
  }
}
