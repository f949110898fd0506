/**
 * The poll loop every Redis registry source shares (a hash of worker records, a family of string keys):
 * read a snapshot of records, hand over only those that are new or changed since the last read, and
 * report the ones that vanished. How to read the snapshot is the caller's; this knows no key layout.
 *
 * One read at a time, one timer (a setTimeout chain), health `connected` only after a read succeeded.
 */
import { performance } from 'node:perf_hooks'
import { Redis, type Cluster } from 'ioredis'
import type { RedisConnectionSpec } from '../core/source-url'
import { redisOptions } from './redis-connection'
import { describeError } from './errors'
import type { Source, SourceDetails, SourceListener } from './source'

/** Record key → its raw value, and facts about the registry for `details`. */
export interface RegistrySnapshot {
  records: Map<string, string>
  details: SourceDetails
}

export interface RegistryReader {
  /** What is read, for error messages: `hash "workers"`. */
  what: string
  /** The channel handed with every message. */
  channel: string
  read(client: RegistryClient): Promise<RegistrySnapshot>
}

/** One server or a cluster: a reader that reads one key, or a few on one slot, works through either. */
export type RegistryClient = Redis | Cluster

export type PollerOptions = {
  pollEveryMs: number
  reader: RegistryReader
} & (
  | { connection: RedisConnectionSpec; connectionName: string; createClient?: undefined }
  /** A client made with `lazyConnect: true` (the poller connects it) and a command timeout. */
  | { createClient: () => RegistryClient }
)

/**
 * A connection can die silently (sleep, Wi-Fi change, NAT state dropped) and a read would then wait for
 * TCP keepalive, minutes, while every instance aged to `dead`. A command unanswered this long drops the
 * connection instead, so the instances become `unknown`.
 */
export const COMMAND_TIMEOUT_MS = 5_000
/** Entries per SCAN/HSCAN page and keys per MGET: a hint to Redis, which may return more or fewer. */
export const SCAN_COUNT = 1000
const TIMEOUT_ERROR = 'Command timed out'

export class RedisRegistryPoller implements Source {
  private client: RegistryClient | null = null
  private listener: SourceListener | null = null
  private timer: NodeJS.Timeout | null = null
  private polling = false
  private pollAgainAtOnce = false
  private stopping = false
  private connected = false
  /** The first read after start and after every disconnection is old news (see RecordOrigin). */
  private initialScanDue = true
  private lastError: string | null = null
  private previous = new Map<string, string>()

  constructor(private readonly options: PollerOptions) {}

  start(listener: SourceListener): void {
    this.listener = listener
    let client: RegistryClient
    try {
      client = newClient(this.options)
    } catch (error) {
      listener.health('disconnected', describeError(error))
      return
    }
    this.client = client
    listener.health('connecting', null)
    client.on('ready', () => this.pollAtOnce())
    client.on('error', (error: unknown) => {
      this.lastError = describeError(error)
    })
    client.on('close', () => {
      if (!this.stopping) this.disconnected(this.lastError ?? 'connection closed')
    })
    client.connect().catch(() => {
      // Reported through 'error' and 'close'; ioredis's retryStrategy keeps trying.
    })
    this.schedule(this.options.pollEveryMs)
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const client = this.client
    this.client = null
    if (!client) return
    try {
      await client.quit()
    } catch {
      client.disconnect()
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.poll(), delayMs)
  }

  /** Just (re)connected: read now rather than at the next tick. */
  private pollAtOnce(): void {
    if (this.polling) this.pollAgainAtOnce = true
    else this.schedule(0)
  }

  private async poll(): Promise<void> {
    this.timer = null
    const client = this.client
    // Not ready: ioredis is reconnecting, and its 'ready' polls at once.
    if (this.stopping || !client || client.status !== 'ready') {
      this.schedule(this.options.pollEveryMs)
      return
    }
    this.polling = true
    const startedMs = performance.now()
    try {
      const snapshot = await this.options.reader.read(client)
      if (!this.stopping) this.apply(snapshot, performance.now() - startedMs)
    } catch (error) {
      if (!this.stopping) this.readFailed(client, error)
    } finally {
      this.polling = false
      this.schedule(this.pollAgainAtOnce ? 0 : this.options.pollEveryMs)
      this.pollAgainAtOnce = false
    }
  }

  private apply(snapshot: RegistrySnapshot, scanMs: number): void {
    const listener = this.listener
    if (!listener) return
    const initialScan = this.initialScanDue
    this.initialScanDue = false
    // Connected before the records: the engine then grants its grace first, and a record that beat
    // while we were away counts as the heartbeat it is.
    if (!this.connected) {
      this.connected = true
      this.lastError = null
      listener.health('connected', null)
    }
    const { changed, removed } = diffRecords(this.previous, snapshot.records)
    this.previous = snapshot.records
    const channel = this.options.reader.channel
    for (const [key, value] of changed) listener.message(value, channel, { key, initialScan })
    // Nothing here is a clean-stop path: a vanished record was someone's cleanup, not a goodbye.
    for (const key of removed) listener.removed(key, 'gone')
    listener.details({ ...snapshot.details, lastScanMs: Math.round(scanMs) })
  }

  private readFailed(client: RegistryClient, error: unknown): void {
    const message = describeError(error)
    this.disconnected(`reading ${this.options.reader.what} failed: ${message}`)
    if (message === TIMEOUT_ERROR) client.disconnect(true)
  }

  private disconnected(error: string): void {
    this.lastError = error
    this.initialScanDue = true
    this.connected = false
    this.listener?.health('disconnected', error)
  }
}

/**
 * The client for a reader that walks a server's keyspace (SCAN): through a Cluster that would read one
 * node's share and pass for the whole. Fails the read with a clear error rather than reading part.
 */
export function singleServer(client: RegistryClient): Redis {
  if (client instanceof Redis) return client
  throw new Error('this registry is read with SCAN, which needs one server, not a cluster')
}

function newClient(options: PollerOptions): RegistryClient {
  if (options.createClient) return options.createClient()
  return new Redis({
    ...redisOptions(options.connection, options.connectionName),
    commandTimeout: COMMAND_TIMEOUT_MS,
  })
}

/** Records new or changed since `previous`, and keys no longer there. */
export function diffRecords(
  previous: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string>,
): { changed: [string, string][]; removed: string[] } {
  const changed: [string, string][] = []
  for (const [key, value] of current) if (previous.get(key) !== value) changed.push([key, value])
  const removed: string[] = []
  for (const key of previous.keys()) if (!current.has(key)) removed.push(key)
  return { changed, removed }
}
