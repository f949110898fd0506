/**
 * Healthchecks-style pings: `GET|POST /ping/{service}` (success), `/start` and `/fail`. The request is
 * turned into a small JSON for the ping decoder. A start is remembered here, per service, so the next
 * success or fail can carry how long the run took.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { performance } from 'node:perf_hooks'
import type { PingKind } from '../../core/decode/ping'
import { sendText } from '../../http/static-files'
import { deliver, type EndpointContext } from './endpoint-context'
import { readBody, sendTooLarge } from './guard'

/** What the ping decoder reads (core/decode/ping.ts). */
interface PingMessage {
  service: string
  kind: PingKind
  durationMs?: number
  body?: string
}

/** A POSTed body (a job's log tail, say) is kept for display up to this many characters. */
const KEPT_BODY_CHARS = 4_096

export class PingHandler {
  /** service → monotonic ms of its last start; oldest dropped first when full. */
  private readonly runStarts = new Map<string, number>()

  constructor(
    private readonly context: EndpointContext,
    private readonly maxRunStarts: number,
  ) {}

  /** Synchronous for a ping without a body, the common one. */
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    service: string,
    kind: PingKind,
  ): Promise<void> | void {
    if (request.method === 'POST') return this.handleWithBody(request, response, service, kind)
    this.answer(response, service, kind, '')
  }

  private async handleWithBody(
    request: IncomingMessage,
    response: ServerResponse,
    service: string,
    kind: PingKind,
  ): Promise<void> {
    const read = await readBody(request)
    if (read.kind === 'too-large') {
      deliver(this.context, read.head, 'ping')
      return sendTooLarge(request, response)
    }
    this.answer(response, service, kind, read.text.slice(0, KEPT_BODY_CHARS))
  }

  private answer(response: ServerResponse, service: string, kind: PingKind, body: string): void {
    const startedAtMs = kind === 'start' ? undefined : this.runStarts.get(service)
    const message: PingMessage = { service, kind }
    if (startedAtMs !== undefined) message.durationMs = Math.round(performance.now() - startedAtMs)
    if (body !== '') message.body = body
    const verdict = deliver(this.context, JSON.stringify(message), 'ping')
    if (!verdict.ok) return sendText(response, 400, verdict.reason)
    // Only a name the decoder accepted is remembered: the map cannot fill with junk.
    if (kind === 'start') this.remember(service, performance.now())
    else if (startedAtMs !== undefined) this.runStarts.delete(service)
    sendText(response, 200, 'OK')
  }

  private remember(service: string, startedAtMs: number): void {
    // Set again at the end, so the oldest start is the first one out.
    this.runStarts.delete(service)
    if (this.runStarts.size >= this.maxRunStarts) {
      const oldest = this.runStarts.keys().next()
      if (!oldest.done) this.runStarts.delete(oldest.value)
    }
    this.runStarts.set(service, startedAtMs)
  }
}
