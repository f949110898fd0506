/**
 * Seed 000's heartbeat WebSocket, `/ws/{worker_id}`: each text frame is one heartbeat. How it ends
 * matters (issue 8): close code 1000 is the worker's goodbye (`stopped`); any other end, a socket
 * destroyed without a close frame included, says nothing, and the instance ages to stale and dead.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { MAX_NAME_LENGTH } from '../../core/heartbeat'
import type { EndpointContext } from './endpoint-context'
import { MAX_BODY_BYTES, refusalOf } from './guard'
import { rawPathOf } from './routes'

const WS_PATH = /^\/ws\/([^/]+)$/
const CONTROL_CHARACTERS = /\p{Cc}/u
/** RFC 6455 §7.4.1: 1000 is a normal closure, the one unmistakable goodbye. */
const NORMAL_CLOSURE = 1000
/** A private-use code (4000–4999) for the older of two sockets of one worker. */
const REPLACED = 4000

export class WorkerSockets {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES })
  /** worker_id → its one socket; a second connection of the same worker replaces the first. */
  private readonly sockets = new Map<string, WebSocket>()
  private readonly answeredPing = new WeakSet<WebSocket>()
  private sweepTimer: NodeJS.Timeout | null = null
  private closing = false

  constructor(private readonly context: EndpointContext) {
    this.sweepTimer = setInterval(() => this.sweep(), context.limits.webSocketPingEveryMs)
    this.sweepTimer.unref()
  }

  get size(): number {
    return this.sockets.size
  }

  /** An HTTP upgrade request: refused with an HTTP status, or handed to `ws`. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refusal = refusalOf(request, this.context.access)
    if (refusal) {
      if (refusal.status === 401) this.context.counters.unauthorized++
      return refuse(socket, refusal.status, refusal.text)
    }
    const match = WS_PATH.exec(rawPathOf(request.url))
    if (!match) return refuse(socket, 404, 'no such WebSocket: use /ws/{worker_id}')
    const workerId = decodeSegment(match[1] as string)
    if (workerId === null || workerId.length > MAX_NAME_LENGTH || CONTROL_CHARACTERS.test(workerId)) {
      return refuse(socket, 400, `worker_id must be 1 to ${MAX_NAME_LENGTH} printable characters`)
    }
    if (!this.sockets.has(workerId) && this.sockets.size >= this.context.limits.maxWorkers) {
      this.context.counters.tooManyWebSockets++
      this.context.detailsChanged()
      return refuse(socket, 503, `too many WebSockets open (${this.context.limits.maxWorkers})`)
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(workerId, ws, request))
  }

  /** Drops every socket at once (the source is stopping): no goodbye is read into that. */
  closeAll(): void {
    this.closing = true
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.sweepTimer = null
    for (const ws of this.sockets.values()) ws.terminate()
    this.sockets.clear()
    this.server.close()
  }

  private accept(workerId: string, ws: WebSocket, request: IncomingMessage): void {
    if (this.closing) return void ws.terminate()
    const { listener, registry } = this.context
    const previous = this.sockets.get(workerId)
    this.sockets.set(workerId, ws)
    previous?.close(REPLACED, 'replaced by a newer connection')
    registry.connected(workerId, request.socket.remoteAddress ?? null, Date.now())
    this.answeredPing.add(ws)
    this.context.detailsChanged()

    const origin = { key: workerId, initialScan: false }
    ws.on('message', (data: RawData) => {
      registry.beat(workerId, Date.now())
      listener.message(frameText(data), 'ws', origin)
    })
    ws.on('pong', () => this.answeredPing.add(ws))
    ws.on('error', (error: Error & { code?: string }) => {
      // `ws` closes the socket itself (1009) after this; the frame never reached us to be decoded.
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.context.counters.oversizeFrames++
    })
    ws.on('close', (code: number) => {
      if (this.closing || this.sockets.get(workerId) !== ws) return
      this.sockets.delete(workerId)
      registry.disconnected(workerId)
      this.context.detailsChanged()
      if (code === NORMAL_CLOSURE) listener.removed(workerId, 'stopped')
    })
  }

  /**
   * A peer that vanished without closing (power cut, network gone) leaves a half-open socket that TCP
   * may hold for hours: a ping it does not answer by the next sweep drops it. Its liveness needs no
   * help from this; only the connection count and memory do.
   */
  private sweep(): void {
    for (const ws of this.sockets.values()) {
      if (!this.answeredPing.has(ws)) {
        ws.terminate()
        continue
      }
      this.answeredPing.delete(ws)
      ws.ping()
    }
  }
}

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

function decodeSegment(segment: string): string | null {
  try {
    const text = decodeURIComponent(segment)
    return text === '' ? null : text
  } catch {
    return null
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
}

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`
  const authenticate = status === 401 ? 'WWW-Authenticate: Bearer\r\n' : ''
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${authenticate}Content-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
