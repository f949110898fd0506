/** One HTTP request to the push endpoint: refuse strangers, find the route, run its protocol. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendText } from '../../http/static-files'
import { deliver, type EndpointContext } from './endpoint-context'
import { readBodyThen, refusalOf, sendRefusal, sendTooLarge } from './guard'
import { handleRegister, handleWorkers } from './manager-protocol'
import type { PingHandler } from './pings'
import { rawPathOf, routeOf } from './routes'

/**
 * Synchronous where it can be (a ping without a body, a heartbeat read through callbacks): a promise
 * per request was a tenth of what the endpoint adds to a bare server. `fail` answers whatever throws
 * from a callback; a returned promise is the caller's to catch.
 */
export function handleRequest(
  context: EndpointContext,
  pings: PingHandler,
  request: IncomingMessage,
  response: ServerResponse,
  fail: (error: unknown) => void,
): Promise<void> | void {
  const refusal = refusalOf(request, context.access)
  if (refusal) {
    if (refusal.status === 401) {
      context.counters.unauthorized++
      context.detailsChanged()
    }
    return sendRefusal(response, refusal)
  }
  const route = routeOf(request.method ?? 'GET', rawPathOf(request.url))
  switch (route.kind) {
    case 'register':
      return handleRegister(context, request, response)
    case 'workers':
      return handleWorkers(context, response)
    case 'heartbeat':
      return handleHeartbeat(context, request, response, fail)
    case 'ping':
      return pings.handle(request, response, route.service, route.ping)
    case 'websocket-only':
      response.setHeader('upgrade', 'websocket')
      return sendText(response, 426, 'this path takes a WebSocket')
    case 'method-not-allowed':
      response.setHeader('allow', route.allow)
      return sendText(response, 405, `method not allowed (allowed: ${route.allow})`)
    case 'not-found':
      return sendText(
        response,
        404,
        'not found: POST /heartbeat, /ping/{service}, POST /register, /ws/{worker_id}',
      )
  }
}

/** `POST /heartbeat` with a seed 001 body. */
function handleHeartbeat(
  context: EndpointContext,
  request: IncomingMessage,
  response: ServerResponse,
  fail: (error: unknown) => void,
): void {
  readBodyThen(request, (body) => {
    try {
      if (body.kind === 'too-large') {
        deliver(context, body.head, 'heartbeat')
        return sendTooLarge(request, response)
      }
      const verdict = deliver(context, body.text, 'heartbeat')
      if (!verdict.ok) return sendText(response, 400, verdict.reason)
      sendText(response, 200, 'OK')
    } catch (error) {
      fail(error)
    }
  })
}
