/**
 * What every message a seed 000 worker sends (its WebSocket frame, its `POST /register` body) starts
 * with: a JSON object, who it is about, and its status. The worker sends `worker_id` (a fresh uuid4 per
 * start) and `worker_name` (stable across restarts): the name is the service, the id the instance
 * (issue 8).
 */
import { MAX_NAME_LENGTH } from '../heartbeat'
import { parseJsonObject, typeName } from './json-object'

export type Seed000WorkerMessage =
  | {
      ok: true
      fields: Record<string, unknown>
      service: string
      instance: string
      /** `status` as the worker wrote it, if it is text. */
      status: string | null
    }
  | { ok: false; reason: string }

export function parseSeed000WorkerMessage(raw: string): Seed000WorkerMessage {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const fields = parsed.object
  const identity = seed000Identity(fields)
  if (!identity.ok) return identity
  const status = optionalText(fields, 'status')
  if (!status.ok) return status
  return { ok: true, fields, service: identity.service, instance: identity.instance, status: status.value }
}

type Seed000Identity = { ok: true; service: string; instance: string } | { ok: false; reason: string }

function seed000Identity(fields: Record<string, unknown>): Seed000Identity {
  const id = optionalName(fields, 'worker_id')
  if (!id.ok) return id
  const name = optionalName(fields, 'worker_name')
  if (!name.ok) return name
  const service = name.value ?? id.value
  const instance = id.value ?? name.value
  if (service === null || instance === null) return { ok: false, reason: 'missing worker_name and worker_id' }
  return { ok: true, service, instance }
}

type OptionalText = { ok: true; value: string | null } | { ok: false; reason: string }

function optionalText(fields: Record<string, unknown>, key: string): OptionalText {
  const value = fields[key]
  if (value === undefined || value === null) return { ok: true, value: null }
  if (typeof value !== 'string')
    return { ok: false, reason: `${key} must be a string, got ${typeName(value)}` }
  return { ok: true, value }
}

/** Text trimmed, no longer than a name may be; empty is absent. */
function optionalName(fields: Record<string, unknown>, key: string): OptionalText {
  const text = optionalText(fields, key)
  if (!text.ok || text.value === null) return text
  const trimmed = text.value.trim()
  if (trimmed.length > MAX_NAME_LENGTH) return { ok: false, reason: `${key} longer than ${MAX_NAME_LENGTH}` }
  return { ok: true, value: trimmed === '' ? null : trimmed }
}
