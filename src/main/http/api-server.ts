/**
 * The headless HTTP server: the JSON API, Prometheus metrics, the event WebSocket and the built UI.
 *   GET /api/services  GET /api/sources  GET /api/history  GET /metrics  WS /api/events  GET /…
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { WS_EVENTS_PATH, type WsServerFrame } from '../../shared/api'
import { wsFrameOf } from '../../shared/ws-frames'
import type { BridgeHub } from '../bridge-hub'
import { parseUiCommand } from '../commands'
import type { Controller } from '../controller'
import { rollUp } from '../core/rollup'
import { runUiCommand } from '../ui-commands'
import { hostHeaderAllowed, tokenAllowed, type AccessPolicy } from './access'
import { sendJson, sendText, serveStatic } from './static-files'

/** A UI that cannot keep up is dropped and reconnects to a fresh snapshot, rather than buffer forever. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024
const MAX_COMMAND_BYTES = 64 * 1024

export interface ApiServerOptions {
  controller: Controller
  hub: BridgeHub
  rendererDir: string
  access: AccessPolicy
}

/** The server, and a way to end every UI's WebSocket at once (a plain close() would wait for them). */
export type ApiServer = Server & { closeSockets(): void }

export function createApiServer(options: ApiServerOptions): ApiServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_COMMAND_BYTES })
  const server = createServer((request, response) => {
    handleRequest(options, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `internal error: ${String(error)}`)
      else response.destroy()
    })
  })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    const refusal = path !== WS_EVENTS_PATH ? '404 Not Found' : refusalFor(request, options.access, true)
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`)
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveEvents(ws, options))
  })
  server.on('close', () => sockets.close())
  return Object.assign(server, {
    closeSockets: () => {
      for (const client of sockets.clients) client.terminate()
    },
  })
}

async function handleRequest(
  options: ApiServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://x')
  const isApi = url.pathname.startsWith('/api/') || url.pathname === '/metrics'
  const refusal = refusalFor(request, options.access, isApi)
  if (refusal) return sendText(response, Number(refusal.slice(0, 3)), refusal.slice(4))
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendText(response, 405, 'method not allowed')

  const { engine } = options.controller
  switch (url.pathname) {
    case '/api/services': {
      const group = url.searchParams.get('group')
      if (group !== null && group !== 'service') return sendText(response, 400, 'group must be "service"')
      const services = options.controller.serviceViews()
      return sendJson(response, 200, group === 'service' ? rollUp(services) : services)
    }
    case '/api/sources':
      return sendJson(response, 200, options.controller.sourceViews())
    case '/api/history':
      return sendJson(response, 200, engine.historyViews())
    case '/metrics':
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      response.end(engine.metricsText())
      return
    default:
      if (isApi) return sendText(response, 404, `no such endpoint: ${url.pathname}`)
      return serveStatic(options.rendererDir, url.pathname, response)
  }
}

/** Why a request is refused ("403 Forbidden"), or null if it may go on. */
function refusalFor(request: IncomingMessage, access: AccessPolicy, needsToken: boolean): string | null {
  if (!hostHeaderAllowed(request, access)) return '403 Forbidden'
  const origin = request.headers.origin
  if (needsToken && origin !== undefined && !sameOrigin(origin, request.headers.host)) return '403 Forbidden'
  if (needsToken && !tokenAllowed(request, access)) return '401 Unauthorized'
  return null
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

function serveEvents(ws: WebSocket, { hub, controller }: ApiServerOptions): void {
  const connection = hub.connect((event) => sendFrame(ws, wsFrameOf(event)))
  ws.on('close', connection.close)
  ws.on('error', () => ws.terminate())
  ws.on('message', (data) => {
    let frame: unknown
    try {
      frame = JSON.parse(String(data))
    } catch {
      return
    }
    const { id, command } = (frame ?? {}) as { id?: unknown; command?: unknown }
    if (typeof id !== 'number') return
    const parsed = parseUiCommand(command)
    if (!parsed.ok) return sendFrame(ws, { type: 'result', id, result: { ok: false, error: parsed.error } })
    void runUiCommand(parsed.command, connection, controller).then((result) =>
      sendFrame(ws, { type: 'result', id, result }),
    )
  })
}

function sendFrame(ws: WebSocket, frame: WsServerFrame): void {
  if (ws.readyState !== ws.OPEN) return
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.close(1013, 'too far behind; reconnect for a fresh snapshot')
    return
  }
  ws.send(JSON.stringify(frame))
}
