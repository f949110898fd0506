/**
 * Seed 002: the publisher message of ELIXIR-NO/pipeline-heartbeat, as it goes over RabbitMQ.
 *   {"status": "heartbeat", "service": "publisher", "timestamp": "2024-11-11 13:40:17 UTC",
 *    "hosts": [{"name": "sda-doa", "status": "ok", "timestamp": "2024-11-11 13:41:17 UTC"}],
 *    "rmq_consumers": {"queues_status": [{"name", "status", "timestamp"}], "services_status": [...]}}
 *
 * One message is several heartbeats, all under the publisher's service (issue 8): the publisher itself
 * (instance = its service name, reported = its `status`) and one instance per component it checked,
 * `host:NAME`, `queue:NAME`, `service:NAME`, reported `ok` | `not_ok` as the component says.
 *
 * Timestamps: the top-level one is taken once, when the publisher starts (before its publish loop),
 * so it says nothing about this message: kept for display, never used for skew. Each component's is
 * taken when that component was checked for this message: it is the component's sentAtMs.
 *
 * A malformed part rejects the whole message, with a reason that names the part (`missing
 * hosts[2].name`). Half a message would be worse: the unreadable component would look silent, age to dead and
 * alarm for the wrong reason, while the publisher looked healthy. Rejected, the message is counted
 * and shown on the source, and a publisher that keeps sending it goes stale: it is saying nothing we
 * can read.
 */
import { acceptAll, MAX_NAME_LENGTH, reject, type DecodeResult, type Heartbeat } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { parseJsonObject, typeName } from './json-object'

export type ComponentKind = 'host' | 'queue' | 'service'

/** The status the seed's publisher gives a healthy component; anything else is worse. */
export const COMPONENT_OK = 'ok'

interface Component {
  name: string
  status: string
  timestamp: unknown
  fields: Record<string, unknown>
}

type Read<T> = { ok: true; value: T } | { ok: false; reason: string }

export function decodePipelineHeartbeat(raw: string): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const message = parsed.object

  const service = readName(message.service, 'service')
  if (!service.ok) return reject(service.reason)
  const status = message.status
  if (status !== undefined && status !== null && typeof status !== 'string') {
    return reject(`status must be a string, got ${typeName(status)}`)
  }
  const consumers = message.rmq_consumers
  if (consumers !== undefined && consumers !== null && !isObject(consumers)) {
    return reject(`rmq_consumers must be an object, got ${typeName(consumers)}`)
  }
  const consumerLists = isObject(consumers) ? consumers : {}

  const components = new Map<string, Component>()
  const lists: [ComponentKind, string, unknown][] = [
    ['host', 'hosts', message.hosts],
    ['queue', 'rmq_consumers.queues_status', consumerLists.queues_status],
    ['service', 'rmq_consumers.services_status', consumerLists.services_status],
  ]
  for (const [kind, path, list] of lists) {
    const read = readComponents(kind, path, list, components)
    if (!read.ok) return reject(read.reason)
  }

  const heartbeats: Heartbeat[] = [
    {
      ...BLANK,
      service: service.value,
      instance: service.value,
      reported: typeof status === 'string' ? status : null,
      fields: message,
    },
  ]
  for (const [instance, component] of components) {
    heartbeats.push({
      ...BLANK,
      service: service.value,
      instance,
      sentAtMs: parseTimestampMs(component.timestamp, 'utc'),
      reported: component.status,
      fields: component.fields,
    })
  }
  return acceptAll(heartbeats)
}

const BLANK = {
  host: null,
  sentAtMs: null,
  declaredIntervalMs: null,
  goodbye: false,
  beatMarker: null,
  // A host, queue or service keeps its name: a new name is another part, never a restart of one.
  replaceable: false,
} as const

/**
 * A service listening on several queues is listed once per queue (the publisher appends one entry per
 * expected listener), and two hosts may share a name: one instance each, the worst status winning.
 */
function readComponents(
  kind: ComponentKind,
  path: string,
  list: unknown,
  into: Map<string, Component>,
): Read<null> {
  if (list === undefined || list === null) return { ok: true, value: null }
  if (!Array.isArray(list)) return { ok: false, reason: `${path} must be an array, got ${typeName(list)}` }
  for (let index = 0; index < list.length; index++) {
    const read = readComponent(list[index], `${path}[${index}]`)
    if (!read.ok) return read
    const component = read.value
    const instance = `${kind}:${component.name}`
    const earlier = into.get(instance)
    if (!earlier || (earlier.status === COMPONENT_OK && component.status !== COMPONENT_OK)) {
      into.set(instance, component)
    }
  }
  return { ok: true, value: null }
}

function readComponent(entry: unknown, where: string): Read<Component> {
  if (!isObject(entry)) return { ok: false, reason: `${where} must be an object, got ${typeName(entry)}` }
  const name = readName(entry.name, `${where}.name`)
  if (!name.ok) return name
  const status = entry.status
  if (status === undefined || status === null) {
    return { ok: false, reason: `${where} (${name.value}) has no status` }
  }
  if (typeof status !== 'string') {
    return { ok: false, reason: `${where}.status must be a string, got ${typeName(status)}` }
  }
  const timestamp = entry.timestamp
  if (
    timestamp !== undefined &&
    timestamp !== null &&
    typeof timestamp !== 'string' &&
    typeof timestamp !== 'number'
  ) {
    return { ok: false, reason: `${where}.timestamp must be a string, got ${typeName(timestamp)}` }
  }
  return { ok: true, value: { name: name.value, status, timestamp, fields: entry } }
}

function readName(value: unknown, what: string): Read<string> {
  if (value === undefined || value === null) return { ok: false, reason: `missing ${what}` }
  if (typeof value !== 'string')
    return { ok: false, reason: `${what} must be a string, got ${typeName(value)}` }
  const name = value.trim()
  if (name === '') return { ok: false, reason: `${what} is empty` }
  if (name.length > MAX_NAME_LENGTH) return { ok: false, reason: `${what} longer than ${MAX_NAME_LENGTH}` }
  return { ok: true, value: name }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
