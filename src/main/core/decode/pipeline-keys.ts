/**
 * Seed 002's subscriber (ELIXIR-NO/pipeline-heartbeat) keeps its view in plain Redis strings, no TTL:
 * `service:{name}:{ok|not_ok}` (hosts and services) and `queue:{name}:{ok|not_ok}`, each holding the
 * component's timestamp `%Y-%m-%d %H:%M:%S UTC`. A component may have both keys: the newer one says
 * its status. Names may contain `:`, so the status is read from the end of the key.
 *
 * The transport reads the keys (SCAN + MGET); `groupPipelineKeys` turns them into one small JSON per
 * component, `{"kind", "name", "ok", "not_ok"}`, and `decodePipelineKeys` decodes that JSON.
 *
 * Naming: a `service:` component is the service of that name; a queue is the service `queue:{name}`,
 * so a queue and a service that share a name stay apart. The instance is the name either way.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeResult } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { parseJsonObject, typeName } from './json-object'

export const PIPELINE_KEY_PATTERNS = ['service:*', 'queue:*'] as const

const KINDS = ['service', 'queue'] as const
type ComponentKind = (typeof KINDS)[number]
type ComponentStatus = 'ok' | 'not_ok'

export interface PipelineComponent {
  kind: ComponentKind
  name: string
  ok: string | null
  not_ok: string | null
}

export interface GroupedKeys {
  /** Component key (`service:{name}`, `queue:{name}`) → the component's JSON, for the decoder. */
  components: Map<string, string>
  /** Keys matching the patterns that are not `…:ok` or `…:not_ok` (someone else's keys). */
  ignoredKeys: number
}

/** Groups `[key, value]` pairs, as read, into components; a key read twice (SCAN may) counts once. */
export function groupPipelineKeys(entries: Iterable<readonly [string, string]>): GroupedKeys {
  const byKey = new Map<string, PipelineComponent>()
  let ignoredKeys = 0
  for (const [key, value] of entries) {
    const parsed = parseComponentKey(key)
    if (!parsed) {
      ignoredKeys++
      continue
    }
    const componentKey = `${parsed.kind}:${parsed.name}`
    let component = byKey.get(componentKey)
    if (!component) {
      component = { kind: parsed.kind, name: parsed.name, ok: null, not_ok: null }
      byKey.set(componentKey, component)
    }
    component[parsed.status] = value
  }
  const components = new Map<string, string>()
  for (const [key, component] of byKey) components.set(key, JSON.stringify(component))
  return { components, ignoredKeys }
}

export function parseComponentKey(
  key: string,
): { kind: ComponentKind; name: string; status: ComponentStatus } | null {
  const kind = KINDS.find((candidate) => key.startsWith(`${candidate}:`))
  if (!kind) return null
  const status = key.endsWith(':not_ok') ? 'not_ok' : key.endsWith(':ok') ? 'ok' : null
  if (!status) return null
  const name = key.slice(kind.length + 1, key.length - status.length - 1)
  return name === '' ? null : { kind, name, status }
}

export function decodePipelineKeys(raw: string): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const { kind, name, ok, not_ok: notOk } = parsed.object
  if (kind !== 'service' && kind !== 'queue') {
    return reject(`kind must be service or queue, got ${typeof kind === 'string' ? kind : typeName(kind)}`)
  }
  if (typeof name !== 'string' || name === '') return reject('missing component name')
  if (name.length > MAX_NAME_LENGTH) return reject(`component name longer than ${MAX_NAME_LENGTH}`)

  const okAt = readTimestamp(ok, `${kind}:${name}:ok`)
  if (!okAt.ok) return reject(okAt.reason)
  const notOkAt = readTimestamp(notOk, `${kind}:${name}:not_ok`)
  if (!notOkAt.ok) return reject(notOkAt.reason)
  const newer = newerOf(okAt.value, notOkAt.value)
  if (!newer) return reject(`${kind}:${name} has neither an ok nor a not_ok key`)

  return accept({
    service: kind === 'service' ? name : `queue:${name}`,
    instance: name,
    host: null,
    sentAtMs: newer.atMs,
    declaredIntervalMs: null,
    reported: newer.status,
    goodbye: false,
    fields: {
      kind,
      name,
      status: newer.status,
      timestamp: newer.text,
      ok: ok ?? null,
      not_ok: notOk ?? null,
    },
    beatMarker: newer.text,
  })
}

interface StampedStatus {
  status: ComponentStatus
  text: string
  atMs: number
}

type TimestampResult =
  { ok: true; value: { text: string; atMs: number } | null } | { ok: false; reason: string }

function readTimestamp(value: unknown, key: string): TimestampResult {
  if (value === undefined || value === null) return { ok: true, value: null }
  if (typeof value !== 'string')
    return { ok: false, reason: `${key} must be a string, got ${typeName(value)}` }
  const atMs = parseTimestampMs(value, 'utc')
  if (atMs === null) return { ok: false, reason: `${key} holds "${value.slice(0, 40)}", not a timestamp` }
  return { ok: true, value: { text: value, atMs } }
}

/** The newer of the two keys; on a tie `not_ok`, the worse news. */
function newerOf(
  ok: { text: string; atMs: number } | null,
  notOk: { text: string; atMs: number } | null,
): StampedStatus | null {
  if (notOk && (!ok || notOk.atMs >= ok.atMs)) return { status: 'not_ok', ...notOk }
  if (ok) return { status: 'ok', ...ok }
  return null
}
