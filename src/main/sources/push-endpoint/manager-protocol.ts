/**
 * Seed 000's manager over HTTP, so its unmodified workers can point at us: `POST /register` and
 * `GET /workers`. The worker opens its WebSocket only when `/register` answers 200 (WIRE-FORMATS.md).
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseJsonObject } from '../../core/decode/json-object'
import { SEED000_REGISTER_DEFAULT_STATUS } from '../../core/decode/seed000-register'
import { sendJson } from '../../http/static-files'
import { deliver, type EndpointContext } from './endpoint-context'
import { readBody, sendTooLarge } from './guard'

export async function handleRegister(
  context: EndpointContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request)
  if (body.kind === 'too-large') {
    deliver(context, body.head, 'register')
    return sendTooLarge(request, response)
  }
  const parsed = parseJsonObject(body.text)
  const { workerId, raw } = parsed.ok
    ? withWorkerId(parsed.object, body.text)
    : { workerId: null, raw: body.text }
  const verdict = context.decoder(raw, { channel: 'register' })
  if (!verdict.ok || !parsed.ok || workerId === null) {
    context.listener.message(raw, 'register')
    const reason = verdict.ok ? 'worker_id must be a non-empty string' : verdict.reason
    return sendJson(response, 400, { status: 'error', error: reason })
  }
  const fields = parsed.object
  const registration = {
    workerName: typeof fields.worker_name === 'string' ? fields.worker_name : null,
    host: typeof fields.host === 'string' ? fields.host : null,
    port: typeof fields.port === 'number' || typeof fields.port === 'string' ? fields.port : null,
    status: typeof fields.status === 'string' ? fields.status : SEED000_REGISTER_DEFAULT_STATUS,
  }
  if (!context.registry.register(workerId, registration, Date.now())) {
    context.counters.registryFull++
    context.detailsChanged()
    return sendJson(response, 429, {
      status: 'error',
      error: `too many workers connected (${context.limits.maxWorkers})`,
    })
  }
  context.listener.message(raw, 'register', { key: workerId, initialScan: false })
  context.detailsChanged()
  // Seed 000's manager answers {"status": "success", "worker_id": …}; its worker only checks for 200.
  sendJson(response, 200, { status: 'success', worker_id: workerId })
}

export function handleWorkers(context: EndpointContext, response: ServerResponse): void {
  sendJson(response, 200, context.registry.list(Date.now()))
}

/**
 * The worker sends its own `worker_id`; one is generated only when it is absent, and then written into
 * the body, so the engine's instance id and the id we answer with are the same. Null: not usable.
 */
function withWorkerId(
  fields: Record<string, unknown>,
  text: string,
): { workerId: string | null; raw: string } {
  const given = fields.worker_id
  if (typeof given === 'string' && given.trim() !== '') return { workerId: given.trim(), raw: text }
  if (given !== undefined && given !== null && given !== '') return { workerId: null, raw: text }
  const workerId = randomUUID()
  return { workerId, raw: JSON.stringify({ ...fields, worker_id: workerId }) }
}
