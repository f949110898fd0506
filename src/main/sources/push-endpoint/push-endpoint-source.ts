/**
 * The built-in push endpoint, `push://127.0.0.1:7475`: an HTTP server (node:http) with seed 000's
 * WebSocket on the side (`ws`, noServer). It is "connected" while it listens; if it cannot bind (the
 * port taken, say) it reports why and tries again with backoff, as a broker source reconnects.
 */
import { createServer, type Server } from 'node:http'
import type { Decoder } from '../../core/heartbeat'
import type { PushSpec } from '../../core/urls/push-url'
import { isLoopbackAddress } from '../../core/urls/push-url'
import { reconnectDelayMs } from '../redis-connection'
import { describeError } from '../errors'
import type { Source, SourceListener } from '../source'
import type { EndpointContext, EndpointCounters } from './endpoint-context'
import { DEFAULT_PUSH_LIMITS, type PushLimits } from './guard'
import { PingHandler } from './pings'
import { handleRequest } from './request-handler'
import { WorkerSockets } from './worker-sockets'
import { WorkerRegistry } from './worker-registry'

/** Details are pushed at most this often: a flood of requests must not become a flood of UI updates. */
const DETAILS_EVERY_MS = 200

export class PushEndpointSource implements Source {
  private readonly limits: PushLimits
  private server: Server | null = null
  private sockets: WorkerSockets | null = null
  private registry: WorkerRegistry | null = null
  private readonly counters: EndpointCounters = {
    unauthorized: 0,
    registryFull: 0,
    tooManyWebSockets: 0,
    oversizeFrames: 0,
  }
  private retryTimer: NodeJS.Timeout | null = null
  private detailsTimer: NodeJS.Timeout | null = null
  private bindAttempts = 0
  private stopping = false

  /**
   * `decoder` is the source's own (the one the engine runs): asked for a verdict on each HTTP body so
   * the answer carries the same reason the engine counts. The transport knows no payload format itself.
   */
  constructor(
    private readonly spec: PushSpec,
    private readonly decoder: Decoder,
    limits: Partial<PushLimits> = {},
  ) {
    this.limits = { ...DEFAULT_PUSH_LIMITS, ...limits }
  }

  start(listener: SourceListener): void {
    const registry = new WorkerRegistry(this.limits.maxWorkers)
    const context: EndpointContext = {
      listener,
      decoder: this.decoder,
      access: { boundToLoopback: isLoopbackAddress(this.spec.host), token: this.spec.token },
      limits: this.limits,
      counters: this.counters,
      registry,
      detailsChanged: () => this.scheduleDetails(listener),
    }
    const sockets = new WorkerSockets(context)
    const pings = new PingHandler(context, this.limits.maxWorkers)
    const server = createServer(
      {
        headersTimeout: this.limits.headersTimeoutMs,
        requestTimeout: this.limits.requestTimeoutMs,
        // Node checks those timeouts every 30 s by default: a slow client would hold on far longer.
        connectionsCheckingInterval: Math.min(1_000, this.limits.headersTimeoutMs),
      },
      (request, response) => {
        const fail = (error: unknown): void => {
          if (!response.headersSent) {
            response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
            response.end(`internal error: ${describeError(error)}\n`)
          } else response.destroy()
        }
        try {
          handleRequest(context, pings, request, response, fail)?.catch(fail)
        } catch (error) {
          fail(error)
        }
      },
    )
    server.maxConnections = this.limits.maxWorkers + 1_000
    server.on('upgrade', (request, socket, head: Buffer) => sockets.upgrade(request, socket, head))
    server.on('listening', () => {
      this.bindAttempts = 0
      listener.health('connected', null)
      this.scheduleDetails(listener)
    })
    server.on('error', (error) => {
      // Errors while listening concern one connection, which node already dropped; only a failed bind
      // leaves us deaf.
      if (this.stopping || server.listening) return
      listener.health('disconnected', `cannot listen on ${this.address()}: ${describeError(error)}`)
      this.retryBind(server)
    })
    this.server = server
    this.sockets = sockets
    this.registry = registry
    listener.health('connecting', null)
    this.bind(server)
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.detailsTimer) clearTimeout(this.detailsTimer)
    this.retryTimer = null
    this.detailsTimer = null
    this.sockets?.closeAll()
    const server = this.server
    this.server = null
    if (!server) return
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  private bind(server: Server): void {
    if (this.stopping) return
    server.listen({ host: this.spec.host, port: this.spec.port })
  }

  private retryBind(server: Server): void {
    this.bindAttempts++
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      server.close()
      this.bind(server)
    }, reconnectDelayMs(this.bindAttempts))
  }

  private scheduleDetails(listener: SourceListener): void {
    if (this.detailsTimer || this.stopping) return
    this.detailsTimer = setTimeout(() => {
      this.detailsTimer = null
      if (this.stopping) return
      listener.details({
        listening: this.server?.listening ? this.address() : null,
        workers: this.registry?.size ?? 0,
        websockets: this.sockets?.size ?? 0,
        ...this.counters,
      })
    }, DETAILS_EVERY_MS)
    this.detailsTimer.unref()
  }

  private address(): string {
    const host = this.spec.host.includes(':') ? `[${this.spec.host}]` : this.spec.host
    return `${host}:${this.spec.port}`
  }
}
