/**
 * The TypeScript twin of seed 001's HeartbeatPublisher: one seed 001 message at start, then one every
 * interval, through a Transport; on stop(), one last message with status "stopped" (our goodbye).
 */
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { collectData, type CollectedData, type DataCollector } from './data-collectors'
import { createCpuSampler, residentMemoryMb } from './process-stats'
import {
  buildSeed001Message,
  GOODBYE_STATUS,
  SEED001_RESERVED_KEYS,
  type Seed001Message,
} from './seed001-message'
import { createTransport, type Transport } from './transport'

export const DEFAULT_INTERVAL_MS = 60_000 // seed 001's HEARTBEAT_INTERVAL
const MAX_COLLECTOR_TIMEOUT_MS = 5_000

export class PublishError extends Error {
  constructor(
    message: string,
    readonly kind: 'collector' | 'send' | 'close' | 'callback',
    readonly collectorKey: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options)
    this.name = 'PublishError'
  }
}

export interface HeartbeatPublisherOptions {
  /** A transport URL (redis://, rediss://, push://, http(s)://) or a Transport you own and close. */
  to: string | Transport
  /** Milliseconds between heartbeats; default 60 s. */
  interval?: number
  /** Default: a new uuid4 per publisher, as the seed's. */
  instanceId?: string
  /** Write `interval_seconds` into each message (default true), so the monitor need not learn it. */
  declareInterval?: boolean
  /** How long a collector may take before it is left out of a beat; default min(interval, 5 s). */
  collectorTimeoutMs?: number
  /** Failed sends and collectors; publishing goes on. Default: one line on console.error. */
  onError?: (error: PublishError) => void
  /** After each message was delivered, the goodbye included. */
  onPublished?: (message: Seed001Message) => void
}

export class HeartbeatPublisher {
  readonly serviceName: string
  readonly instanceId: string
  readonly intervalMs: number
  private readonly declaresInterval: boolean
  private readonly transport: Transport
  private readonly ownsTransport: boolean
  private readonly collectorTimeoutMs: number
  private readonly onError: (error: PublishError) => void
  private readonly onPublished: ((message: Seed001Message) => void) | undefined
  private readonly collectors = new Map<string, DataCollector>()
  private readonly sampleCpuPercent = createCpuSampler()
  private startedAtMonoMs = performance.now()
  private heartbeatCount = 0
  private state: 'idle' | 'running' | 'stopped' = 'idle'
  private timer: NodeJS.Timeout | null = null
  private nextDueMonoMs = 0
  private sendQueue: Promise<unknown> = Promise.resolve()
  private stopping: Promise<void> | null = null

  constructor(serviceName: string, options: HeartbeatPublisherOptions) {
    if (serviceName.trim() === '') throw new Error('HeartbeatPublisher needs a service name')
    const intervalMs = options.interval ?? DEFAULT_INTERVAL_MS
    if (!Number.isFinite(intervalMs) || intervalMs <= 0)
      throw new Error(`interval must be > 0 ms, got ${intervalMs}`)
    this.serviceName = serviceName
    this.instanceId = options.instanceId ?? randomUUID()
    this.intervalMs = intervalMs
    this.declaresInterval = options.declareInterval ?? true
    this.ownsTransport = typeof options.to === 'string'
    this.transport = typeof options.to === 'string' ? createTransport(options.to) : options.to
    this.collectorTimeoutMs = options.collectorTimeoutMs ?? Math.min(intervalMs, MAX_COLLECTOR_TIMEOUT_MS)
    this.onError = options.onError ?? ((error) => console.error(`heartbeat ${serviceName}: ${error.message}`))
    this.onPublished = options.onPublished
  }

  /** Messages attempted so far, the goodbye included: the last `heartbeat_count` sent. */
  get sentCount(): number {
    return this.heartbeatCount
  }

  get destination(): string {
    return this.transport.description
  }

  addDataCollector(key: string, collector: DataCollector): this {
    if (SEED001_RESERVED_KEYS.includes(key)) throw new Error(`"${key}" is written by the publisher itself`)
    this.collectors.set(key, collector)
    return this
  }

  /** Sends the first heartbeat (resolves once it was attempted), then one every interval until stop(). */
  async start(): Promise<void> {
    if (this.state === 'stopped') throw new Error('this HeartbeatPublisher was stopped; create a new one')
    if (this.state === 'running') return
    this.state = 'running'
    this.startedAtMonoMs = performance.now()
    this.nextDueMonoMs = this.startedAtMonoMs
    await this.beat()
  }

  /** Sends one heartbeat now, after any send in flight; rejects with a PublishError if it was not delivered. */
  publishOnce(): Promise<Seed001Message> {
    if (this.state === 'stopped') return Promise.reject(new Error('this HeartbeatPublisher was stopped'))
    return this.inTurn(() => this.send(null))
  }

  /** Stops the timer, says goodbye (if it ever sent), closes the transport it created. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown()
    return this.stopping
  }

  private async shutDown(): Promise<void> {
    const saysGoodbye = this.state === 'running' || this.heartbeatCount > 0
    this.state = 'stopped'
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (saysGoodbye) await this.inTurn(() => this.send(GOODBYE_STATUS)).catch((error) => this.report(error))
    if (this.ownsTransport) {
      await this.transport.close().catch((error) => this.report(new PublishError(`close: ${error}`, 'close')))
    }
  }

  /** One timer chain, re-armed after each send: sends never overlap and never drift. */
  private async beat(): Promise<void> {
    this.timer = null
    await this.inTurn(() => this.send(null)).catch((error) => this.report(error))
    if (this.state !== 'running') return
    const nowMonoMs = performance.now()
    this.nextDueMonoMs += this.intervalMs
    // Behind (a slow send, a sleeping laptop): beat at once, and keep the interval from there.
    if (this.nextDueMonoMs < nowMonoMs) this.nextDueMonoMs = nowMonoMs
    this.timer = setTimeout(() => void this.beat(), this.nextDueMonoMs - nowMonoMs)
  }

  private inTurn<T>(task: () => Promise<T>): Promise<T> {
    const run = this.sendQueue.then(task)
    this.sendQueue = run.catch(() => undefined)
    return run
  }

  /** The goodbye skips the collectors: a stopping service's internals may already be gone. */
  private async send(status: string | null): Promise<Seed001Message> {
    const { values, failures }: CollectedData =
      status === null
        ? await collectData(this.collectors, this.collectorTimeoutMs)
        : { values: {}, failures: [] }
    if (values.status === GOODBYE_STATUS) {
      delete values.status
      failures.push({
        key: 'status',
        error: new Error(`"${GOODBYE_STATUS}" is reserved for the goodbye on stop()`),
      })
    }
    for (const { key, error } of failures) {
      this.report(
        new PublishError(`collector "${key}" failed: ${error.message}`, 'collector', key, { cause: error }),
      )
    }
    this.heartbeatCount += 1
    const message = buildSeed001Message({
      serviceName: this.serviceName,
      instanceId: this.instanceId,
      sentAtEpochMs: Date.now(),
      uptimeSeconds: (performance.now() - this.startedAtMonoMs) / 1000,
      heartbeatCount: this.heartbeatCount,
      memoryUsageMb: residentMemoryMb(),
      cpuUsagePercent: this.sampleCpuPercent(),
      ...(this.declaresInterval ? { intervalSeconds: this.intervalMs / 1000 } : {}),
      extras: values,
      ...(status === null ? {} : { status }),
    })
    try {
      await this.transport.send(this.serviceName, JSON.stringify(message))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new PublishError(`heartbeat #${message.heartbeat_count} not sent: ${reason}`, 'send', null, {
        cause: error,
      })
    }
    this.onPublished?.(message)
    return message
  }

  private report(error: unknown): void {
    const publishError =
      error instanceof PublishError
        ? error
        : new PublishError(`callback failed: ${String(error)}`, 'callback')
    try {
      this.onError(publishError)
    } catch (callbackError) {
      console.error(`heartbeat ${this.serviceName}: onError threw: ${String(callbackError)}`)
    }
  }
}
