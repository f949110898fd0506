/**
 * What the push endpoint refuses before any protocol runs: strangers (host, origin, token), bodies
 * over the limit, clients too slow to finish a request. The numbers live here, in one place.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { MAX_MESSAGE_BYTES } from '../../core/heartbeat'
import { hostHeaderAllowed, tokenAllowed, type AccessPolicy } from '../../http/access'
import { sendText } from '../../http/static-files'

export interface PushLimits {
  /** Registered workers kept for `GET /workers`, and WebSocket connections open at once. */
  maxWorkers: number
  /** Slowloris: a client must send its headers, and its whole request, within these. */
  headersTimeoutMs: number
  requestTimeoutMs: number
  /** How often open WebSockets are pinged; one unanswered ping and the socket is dropped. */
  webSocketPingEveryMs: number
}

export const DEFAULT_PUSH_LIMITS: PushLimits = {
  maxWorkers: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  webSocketPingEveryMs: 30_000,
}

/** The decoders' own limit: one number, so a body the transport takes is never too big to decode. */
export const MAX_BODY_BYTES = MAX_MESSAGE_BYTES
/** After a 413, the rest of the body is read and dropped for this long, so the client sees the answer. */
const LINGER_AFTER_413_MS = 1_000

export interface Refusal {
  status: 401 | 403
  text: string
}

/**
 * Bound to loopback, only requests addressed to a loopback name (a web page cannot rebind its DNS onto
 * us). Browsers send `Origin` and services do not: a browser page needs the token, so a site the user
 * visits cannot forge pings into the loopback endpoint. Then the bearer token, when configured.
 */
export function refusalOf(request: IncomingMessage, access: AccessPolicy): Refusal | null {
  if (!hostHeaderAllowed(request, access))
    return { status: 403, text: 'forbidden: Host is not a loopback name' }
  if (request.headers.origin !== undefined && access.token === null) {
    return { status: 403, text: 'forbidden: requests from a browser page need a token' }
  }
  if (!tokenAllowed(request, access)) {
    return { status: 401, text: 'unauthorized: send Authorization: Bearer <token> or ?token=' }
  }
  return null
}

export function sendRefusal(response: ServerResponse, refusal: Refusal): void {
  if (refusal.status === 401) response.setHeader('www-authenticate', 'Bearer')
  sendText(response, refusal.status, refusal.text)
}

/**
 * The body as text, or, past MAX_BODY_BYTES, its first MAX_BODY_BYTES + 1 bytes: enough for the decoder
 * to refuse it as over the limit (so the refusal is counted like any other), never more in memory.
 */
export type BodyResult = { kind: 'complete'; text: string } | { kind: 'too-large'; head: string }

/**
 * A request aborted by its client never ends, and then neither does this: nothing is owed to a client
 * that left, and the pending promise and its handler are garbage with the request.
 */
export function readBody(request: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => readBodyThen(request, resolve))
}

/**
 * readBody for the hot path: no promise, no listener beyond the two it needs, no copy of a body that came
 * in one chunk. `done` is called at most once.
 */
export function readBodyThen(request: IncomingMessage, done: (body: BodyResult) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk)
    size += chunk.length
    if (size <= MAX_BODY_BYTES) return
    request.off('data', onData)
    request.off('end', onEnd)
    request.pause()
    const head = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1)
    done({ kind: 'too-large', head: head.toString('utf8') })
  }
  const onEnd = (): void => {
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
    done({ kind: 'complete', text: body.toString('utf8') })
  }
  request.on('data', onData)
  request.on('end', onEnd)
}

/**
 * 413 and close. Closing a socket with unread data in it makes the kernel send a reset, and the client
 * may lose the answer: the rest is drained (read and dropped, never kept) for a moment first.
 */
export function sendTooLarge(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('connection', 'close')
  response.on('finish', () => {
    request.resume()
    setTimeout(() => request.socket.destroy(), LINGER_AFTER_413_MS).unref()
  })
  sendText(response, 413, `body over ${MAX_BODY_BYTES / 1024} KiB`)
}
