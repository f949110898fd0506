/**
 * Celery's worker events, sent by workers running with events on (`-E`): `worker-online`,
 * `worker-heartbeat` every `freq` s (2 by default, `--heartbeat-interval`), `worker-offline` on a warm
 * shutdown. The event: {"hostname": "w1@host", "utcoffset": 0, "pid": 16785, "clock": 2, "freq": 2.0,
 * "active": 0, "processed": 0, "loadavg": [...], "sw_ident": "py-celery", "sw_ver": "5.2.6",
 * "sw_sys": "Linux", "timestamp": 1795447220.51, "type": "worker-heartbeat"}.
 *
 * Over AMQP the message body is the event. Over Redis it comes wrapped in kombu's envelope,
 * {"body": "<base64>", "content-type": "application/json", "properties": {"body_encoding": "base64",
 * "delivery_info": {...}}, "headers": {...}}: both are accepted here, whatever the transport.
 *
 * Identity (issue 8): the node name `name@host` gives the service (`name`) and the host; the instance
 * is the node name and the pid (`w1@host#16785`), since a restarted node keeps its name and gets a new
 * pid: the old instance is then left silent for a replacement to retire, not revived by the new one.
 * The declared interval is `freq`. Celery's own monitors call a worker offline 2 × freq after its last
 * heartbeat; ours says stale at 1.5 × and dead at 3 ×, bracketing it.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeResult } from '../heartbeat'
import { parseJsonObject, typeName } from './json-object'

const WORKER_EVENTS = new Set(['worker-online', 'worker-heartbeat', 'worker-offline'])
const GOODBYE_EVENT = 'worker-offline'

export function decodeCeleryEvent(raw: string): DecodeResult {
  const outer = parseJsonObject(raw)
  if (!outer.ok) return outer
  const event = isKombuEnvelope(outer.object) ? unwrapKombuEnvelope(outer.object) : outer
  if (!event.ok) return reject(event.reason)
  const fields = event.object

  const type = fields.type
  if (typeof type !== 'string') return reject(`type must be a string, got ${typeName(type)}`)
  if (!WORKER_EVENTS.has(type)) return reject(`not a worker event: "${type.slice(0, 64)}"`)
  const nodeName = fields.hostname
  if (typeof nodeName !== 'string') return reject(`hostname must be a string, got ${typeName(nodeName)}`)
  const node = nodeName.trim()
  if (node === '') return reject('hostname is empty')
  if (node.length > MAX_NAME_LENGTH) return reject(`hostname longer than ${MAX_NAME_LENGTH}`)

  const { pid, freq, timestamp, active } = fields
  for (const [name, value] of [
    ['pid', pid],
    ['freq', freq],
    ['timestamp', timestamp],
    ['active', active],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== 'number') {
      return reject(`${name} must be a number, got ${typeName(value)}`)
    }
  }
  const { service, host } = splitNodeName(node)
  return accept({
    service,
    instance: typeof pid === 'number' ? `${node}#${pid}` : node,
    host,
    sentAtMs: typeof timestamp === 'number' && Number.isFinite(timestamp) ? timestamp * 1000 : null,
    declaredIntervalMs: typeof freq === 'number' && Number.isFinite(freq) && freq > 0 ? freq * 1000 : null,
    reported: type === GOODBYE_EVENT ? 'offline' : typeof active === 'number' ? `active ${active}` : null,
    goodbye: type === GOODBYE_EVENT,
    fields,
    beatMarker: null,
  })
}

/** Celery's `nodesplit`: the name before the first `@`, the host after; no `@`: a name alone. */
export function splitNodeName(node: string): { service: string; host: string | null } {
  const at = node.indexOf('@')
  if (at <= 0 || at === node.length - 1) return { service: node, host: null }
  return { service: node.slice(0, at), host: node.slice(at + 1) }
}

type EventResult = { ok: true; object: Record<string, unknown> } | { ok: false; reason: string }

function isKombuEnvelope(object: Record<string, unknown>): boolean {
  return 'body' in object && ('properties' in object || 'content-type' in object)
}

/** kombu's Redis transport: the serialized event in `body`, base64 unless `body_encoding` says not. */
function unwrapKombuEnvelope(envelope: Record<string, unknown>): EventResult {
  const contentType = envelope['content-type']
  if (contentType !== undefined && contentType !== 'application/json') {
    return {
      ok: false,
      reason: `events serialized as ${textOrType(contentType)}: only JSON is read (event_serializer = "json")`,
    }
  }
  const body = envelope.body
  if (typeof body !== 'string')
    return { ok: false, reason: `envelope body must be a string, got ${typeName(body)}` }
  const properties = envelope.properties
  const encoding =
    typeof properties === 'object' && properties !== null && !Array.isArray(properties)
      ? (properties as Record<string, unknown>).body_encoding
      : undefined
  let text = body
  if (encoding === 'base64') {
    const decoded = decodeBase64Utf8(body)
    if (decoded === null) return { ok: false, reason: 'envelope body is not base64 of UTF-8 text' }
    text = decoded
  } else if (encoding !== undefined && encoding !== null) {
    const named = typeof encoding === 'string' ? `"${textOrType(encoding)}"` : textOrType(encoding)
    return { ok: false, reason: `unknown envelope body_encoding ${named}` }
  }
  const inner = parseJsonObject(text)
  return inner.ok ? inner : { ok: false, reason: `envelope body: ${inner.reason}` }
}

/**
 * A value for a reason: text cut short, anything else by its type. Never String(value): a JSON object
 * with a "toString" key that is not a function makes String() throw.
 */
function textOrType(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 64) : typeName(value)
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true })

function decodeBase64Utf8(base64: string): string | null {
  try {
    const binary = atob(base64)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return STRICT_UTF8.decode(bytes)
  } catch {
    return null
  }
}
