/**
 * RabbitMQ (seed 002): heartbeat messages published to a topic exchange.
 *
 * By default we bind our own exclusive, auto-delete, server-named queue to the exchange with the
 * routing key, so the seed's subscriber keeps every message of its own queue: a second consumer on a
 * queue takes turns with the first and would steal half of them. `queue=NAME` consumes a named queue
 * instead (declared durable and bound, as the seed does, unless `passive=1`): amqp-topology.ts.
 *
 * Reconnecting is amqplib's opt-in recovery: its `setup` runs after every (re)connect, before the
 * connection counts as up, and declares everything again (our queue died with the old connection).
 * Recovery only notices a dead connection; a channel the broker closed, or a consumer it cancelled
 * (its queue deleted), makes us close the connection so that recovery starts over.
 */
import { readFileSync } from 'node:fs'
import {
  connect,
  type Channel,
  type ChannelModel,
  type ConsumeMessage,
  type Options,
  type RecoveringChannelModel,
  type SocketOptions,
} from 'amqplib'
import type { AmqpConnectionSpec, AmqpSpec } from '../core/urls/amqp-url'
import { declareTopology, step } from './amqp-topology'
import { reconnectDelayMs } from './redis-connection'
import { describeError } from './errors'
import type { Source, SourceListener } from './source'

/**
 * A connection can die silently (laptop sleep, a NAT dropping state) and TCP takes minutes to notice;
 * amqplib drops it after two missed AMQP heartbeats, 20–30 s at 10 s, so its services become `unknown`.
 */
const HEARTBEAT_SECONDS = 10
const CONNECT_TIMEOUT_MS = 5_000
/** Closing waits for the broker's close-ok: a broker gone silent must not hold up quitting the app. */
const CLOSE_TIMEOUT_MS = 2_000

export class AmqpSource implements Source {
  private listener: SourceListener | null = null
  private connection: RecoveringChannelModel | null = null
  private opening: Promise<void> | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private failedAttempts = 0
  private stopping = false
  /** Why we closed a live connection ourselves: said instead of amqplib's bare "Connection closed". */
  private closeReason: string | null = null

  constructor(private readonly spec: AmqpSpec) {}

  start(listener: SourceListener): void {
    this.listener = listener
    listener.health('connecting', null)
    this.open()
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    await this.opening
    const connection = this.connection
    this.connection = null
    if (!connection) return
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      connection.close().catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
    ])
    clearTimeout(timer)
  }

  /** The name RabbitMQ shows for our connection (`rabbitmqctl list_connections client_properties`). */
  get connectionName(): string {
    const what = this.spec.queue
      ? `queue ${this.spec.queue}`
      : `exchange ${this.spec.exchange}, key ${this.spec.routingKey}`
    return `heartbeat-tray[${process.pid}]: ${what}`
  }

  private open(): void {
    this.retryTimer = null
    if (this.stopping) return
    let socketOptions: SocketOptions
    try {
      socketOptions = this.socketOptions()
    } catch (error) {
      // TLS files are read at connect: one that is missing now may be mounted later.
      this.report('disconnected', describeError(error))
      this.retryTimer = setTimeout(() => this.open(), reconnectDelayMs(++this.failedAttempts))
      return
    }
    this.opening = connect(connectOptions(this.spec.connection), {
      ...socketOptions,
      recovery: {
        waitForConnect: false,
        calculateDelay: (attempt: number) => reconnectDelayMs(attempt),
        setup: (model: ChannelModel) => this.consume(model),
      },
    }).then(
      (connection) => this.watch(connection),
      (error: unknown) => this.report('disconnected', describeAmqpError(error)),
    )
  }

  /** Listeners go on before the first attempt, which amqplib defers to the next turn of the loop. */
  private watch(connection: RecoveringChannelModel): void {
    if (this.stopping) {
      void connection.close().catch(() => undefined)
      return
    }
    this.connection = connection
    connection.on('connect-failed', (error: Error) =>
      this.report('disconnected', this.describeFailure(error)),
    )
    connection.on('disconnect', (error: Error) => {
      this.report('disconnected', this.closeReason ?? describeAmqpError(error))
      this.closeReason = null
    })
    connection.on('reconnect-failed', (error: Error) =>
      this.report('disconnected', `gave up reconnecting: ${describeAmqpError(error)}`),
    )
    // Also said by 'disconnect'; without a listener EventEmitter would throw it.
    connection.on('error', () => undefined)
  }

  /** Recovery's setup: declare, bind and consume on a fresh connection; a throw retries with backoff. */
  private async consume(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel()
    let consuming = false
    let abandoned = false
    const abandon = (reason: string): void => {
      if (abandoned || this.stopping) return
      abandoned = true
      this.closeReason = reason
      void model.close().catch(() => undefined)
    }
    // Errors while setting up reject the step that caused them; afterwards nothing else would see them.
    channel.on('error', (error: Error) => {
      if (consuming) abandon(`channel closed by the broker: ${describeError(error)}`)
    })

    await channel.prefetch(this.spec.prefetch)
    const consumable = await declareTopology(channel, this.spec)
    const { queue } = consumable
    let oldMessages = consumable.backlog
    // Consuming from the first delivery or the consume-ok, whichever comes first: a message can
    // arrive before the consume promise resolves, and must not be taken while we say `connecting`.
    const markConsuming = (): void => {
      if (consuming) return
      consuming = true
      this.failedAttempts = 0
      this.report('connected', null)
      const { exchange, routingKey, backlog } = consumable
      this.listener?.details({ queue, exchange, routingKey, oldMessagesSkipped: backlog })
    }
    const onMessage = (message: ConsumeMessage | null): void => {
      if (abandoned) return
      markConsuming()
      if (message === null) abandon(`the broker cancelled our consumer (was queue "${queue}" deleted?)`)
      else if (oldMessages > 0) {
        oldMessages--
        ack(channel, message) // queued before we came: see Consumable.backlog
      } else this.deliver(channel, message)
    }
    await step(`consuming queue "${queue}"`, () => channel.consume(queue, onMessage, { noAck: false }))
    markConsuming()
  }

  /**
   * Acked once the listener has it, whatever the decoder makes of it: a malformed message would be
   * just as malformed when redelivered, forever.
   */
  private deliver(channel: Channel, message: ConsumeMessage): void {
    try {
      this.listener?.message(message.content.toString('utf8'), message.fields.routingKey)
    } finally {
      ack(channel, message)
    }
  }

  /** amqplib drops the broker's reason when it refuses the vhost; say what that usually means. */
  private describeFailure(error: Error): string {
    if (error.message.startsWith('Expected ConnectionOpenOk; got <ConnectionClose')) {
      return `the broker refused vhost "${this.spec.connection.vhost}": does it exist, may this user use it?`
    }
    return describeAmqpError(error)
  }

  private report(state: 'connecting' | 'connected' | 'disconnected', error: string | null): void {
    if (!this.stopping) this.listener?.health(state, error)
  }

  private socketOptions(): SocketOptions {
    const options: SocketOptions = {
      clientProperties: { connection_name: this.connectionName },
      timeout: CONNECT_TIMEOUT_MS,
      noDelay: true,
      keepAlive: true,
      keepAliveDelay: 10_000,
    }
    const tls = this.spec.connection.tls
    if (tls) {
      options.rejectUnauthorized = tls.verify
      if (tls.caFile) options.ca = readTlsFile(tls.caFile, 'CA')
      if (tls.certFile) options.cert = readTlsFile(tls.certFile, 'certificate')
      if (tls.keyFile) options.key = readTlsFile(tls.keyFile, 'key')
      if (tls.servername) options.servername = tls.servername
    }
    return options
  }
}

function connectOptions(connection: AmqpConnectionSpec): Options.Connect {
  return {
    protocol: connection.tls ? 'amqps' : 'amqp',
    hostname: connection.host,
    port: connection.port,
    username: connection.username,
    password: connection.password,
    // amqplib percent-decodes the vhost once more, even when given apart from a URL.
    vhost: encodeURIComponent(connection.vhost),
    heartbeat: HEARTBEAT_SECONDS,
  }
}

function readTlsFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new Error(`cannot read the TLS ${what} file: ${describeError(error)}`, { cause: error })
  }
}

function ack(channel: Channel, message: ConsumeMessage): void {
  try {
    channel.ack(message)
  } catch {
    // The channel closed under us: the broker redelivers what we did not ack.
  }
}

/** Node reports a refused connection to a name with several addresses as an AggregateError, no message. */
function describeAmqpError(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map((inner: unknown) => describeError(inner)).join('; ')
  }
  return describeError(error)
}
