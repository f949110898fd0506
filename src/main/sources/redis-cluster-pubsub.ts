/**
 * Redis/Valkey cluster pub/sub through ioredis `Cluster`: PSUBSCRIBE to the configured patterns.
 *
 * A cluster forwards every PUBLISH to every node over its bus, so one subscription connection to any
 * node hears the whole cluster. ioredis keeps that connection itself (`ClusterSubscriber`): a random
 * node, re-chosen and re-subscribed with the same patterns when its node goes away, so losing one node
 * while others answer is not an outage of this source. Losing every node closes the Cluster; it then
 * reconnects with our backoff, and we PSUBSCRIBE again on each `ready`, which is idempotent.
 *
 * ioredis only notices a dead node through a connection it has used (its node connections are lazy),
 * so with every node gone the Cluster can stay `ready` indefinitely while its subscriber keeps
 * retrying dead nodes. A probe PINGs every known node; when none answers, the source reports
 * `disconnected` and the Cluster starts over from the seed nodes with backoff.
 */
import { Cluster, type ClusterOptions, type Redis, type RedisOptions } from 'ioredis'
import type { RedisClusterConnection, RedisClusterPubSubSpec } from '../core/urls/redis-cluster-url'
import { reconnectDelayMs, tlsOptions } from './redis-connection'
import { describeError } from './errors'
import type { Source, SourceListener } from './source'

/** Short, unlike single-node pub/sub's 15 s: a cluster with every node gone says nothing by itself. */
const PROBE_EVERY_MS = 2_000
const PROBE_TIMEOUT_MS = 1_500

export class RedisClusterPubSubSource implements Source {
  private cluster: Cluster | null = null
  private probeTimer: NodeJS.Timeout | null = null
  private stopping = false
  private lastError: string | null = null

  constructor(private readonly spec: RedisClusterPubSubSpec) {}

  start(listener: SourceListener): void {
    let cluster: Cluster
    try {
      cluster = new Cluster(this.spec.seedNodes, clusterOptions(this.spec))
    } catch (error) {
      listener.health('disconnected', describeError(error))
      return
    }
    this.cluster = cluster
    listener.health('connecting', null)
    cluster.on('ready', () => void this.subscribe(cluster, listener))
    cluster.on('pmessage', (_pattern: string, channel: string, message: string) =>
      listener.message(message, channel),
    )
    cluster.on('error', (error: unknown) => {
      this.lastError = describeError(error)
    })
    cluster.on('node error', (error: unknown, nodeKey: string) => {
      this.lastError = `${nodeKey}: ${describeError(error)}`
    })
    cluster.on('close', () => {
      if (this.stopping) return
      listener.health('disconnected', this.lastError ?? 'lost every cluster node')
    })
    cluster.connect().catch((error: unknown) => {
      // Reported through 'close'; clusterRetryStrategy keeps trying.
      this.lastError ??= describeError(error)
    })
    this.probeTimer = setInterval(() => void this.probe(cluster), PROBE_EVERY_MS)
    this.probeTimer.unref()
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.probeTimer) clearInterval(this.probeTimer)
    const cluster = this.cluster
    this.cluster = null
    if (!cluster) return
    try {
      await cluster.quit()
    } catch {
      cluster.disconnect()
    }
  }

  private async subscribe(cluster: Cluster, listener: SourceListener): Promise<void> {
    try {
      await cluster.psubscribe(...this.spec.patterns)
      this.lastError = null
      listener.health('connected', null)
    } catch (error) {
      this.lastError = `PSUBSCRIBE failed: ${describeError(error)}`
      listener.health('disconnected', this.lastError)
      cluster.disconnect(true)
    }
  }

  private async probe(cluster: Cluster): Promise<void> {
    if (cluster.status !== 'ready') return
    const answers = await Promise.all(cluster.nodes('all').map((node) => pingWithin(node, PROBE_TIMEOUT_MS)))
    if (answers.includes(true) || cluster.status !== 'ready' || this.stopping) return
    this.lastError = `no cluster node answers PING (last error: ${this.lastError ?? 'none'})`
    cluster.disconnect(true)
  }
}

async function pingWithin(node: Redis, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const answered = node.ping().then(
    () => true,
    () => false,
  )
  const result = await Promise.race([answered, timeout])
  clearTimeout(timer)
  return result
}

/** ioredis Cluster options for either cluster kind; `nodeOptions` adds to every node connection's. */
export function clusterOptions(spec: RedisClusterConnection, nodeOptions: RedisOptions = {}): ClusterOptions {
  const redisOptions: RedisOptions = {
    connectTimeout: 5_000,
    keepAlive: 10_000,
    ...nodeOptions,
    ...(spec.username !== null ? { username: spec.username } : {}),
    ...(spec.password !== null ? { password: spec.password } : {}),
    ...(spec.tls ? { tls: tlsOptions(spec.tls) } : {}),
  }
  return {
    redisOptions,
    lazyConnect: true,
    clusterRetryStrategy: (attempt) => reconnectDelayMs(attempt),
    // Commands must fail fast while disconnected: the source reports health instead of queueing.
    enableOfflineQueue: false,
    maxRedirections: 4,
  }
}
