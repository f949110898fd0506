/**
 * Who a seed 000 message is about. Its worker sends `worker_id` (a fresh uuid4 per start) and
 * `worker_name` (stable across restarts): the name is the service, the id the instance (issue 8).
 * Shared by the WebSocket frame, the `POST /register` body and the manager's hash record.
 */
import { MAX_NAME_LENGTH } from '../heartbeat'
import { typeName } from './json-object'

export type Seed000Identity = { ok: true; service: string; instance: string } | { ok: false; reason: string }

export function seed000Identity(fields: Record<string, unknown>): Seed000Identity {
  const id = optionalName(fields, 'worker_id')
  if (!id.ok) return id
  const name = optionalName(fields, 'worker_name')
  if (!name.ok) return name
  const service = name.value ?? id.value
  const instance = id.value ?? name.value
  if (service === null || instance === null) return { ok: false, reason: 'missing worker_name and worker_id' }
  return { ok: true, service, instance }
}

/** `status` as the worker or the manager wrote it, if it is text. */
export function seed000Status(
  fields: Record<string, unknown>,
): { ok: true; value: string | null } | { ok: false; reason: string } {
  const status = fields.status
  if (status === undefined || status === null) return { ok: true, value: null }
  if (typeof status !== 'string')
    return { ok: false, reason: `status must be a string, got ${typeName(status)}` }
  return { ok: true, value: status }
}

type OptionalName = { ok: true; value: string | null } | { ok: false; reason: string }

function optionalName(fields: Record<string, unknown>, key: string): OptionalName {
  const value = fields[key]
  if (value === undefined || value === null) return { ok: true, value: null }
  if (typeof value !== 'string')
    return { ok: false, reason: `${key} must be a string, got ${typeName(value)}` }
  const trimmed = value.trim()
  if (trimmed.length > MAX_NAME_LENGTH) return { ok: false, reason: `${key} longer than ${MAX_NAME_LENGTH}` }
  return { ok: true, value: trimmed === '' ? null : trimmed }
}
