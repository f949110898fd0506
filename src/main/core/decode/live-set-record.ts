/**
 * One member of a job queue's live set (RQ's `rq:workers`, Sidekiq's `processes`) as our live-set
 * transport hands it over: the member, the hash its worker keeps, and, where the format needs it, the
 * hash's remaining TTL and when it was read. The transport writes it with `liveSetRecordText`, the
 * RQ and Sidekiq decoders read it with `parseLiveSetRecord`: one envelope, defined once.
 */
import { MAX_NAME_LENGTH } from '../heartbeat'
import { MAX_FIELDS, parseJsonObject, typeName } from './json-object'

export interface LiveSetRecord {
  /** The member of the set: RQ's worker key `rq:worker:<name>`, Sidekiq's identity `host:pid:hex`. */
  key: string
  /** The member's hash, every field as Redis holds it (text). */
  hash: Record<string, string>
  /** PTTL of the hash when read, in ms; null when not read or when the key has no expiry. */
  ttlMs: number | null
  /** Our wall clock when the hash was read, epoch ms; null when not recorded. */
  readAtMs: number | null
}

/** Reading the member's hash failed (WRONGTYPE: not a hash): counted as a malformed record. */
export interface LiveSetReadError {
  key: string
  error: string
}

export function liveSetRecordText(record: LiveSetRecord | LiveSetReadError): string {
  if ('error' in record) return JSON.stringify({ key: record.key, error: record.error })
  return JSON.stringify({
    key: record.key,
    hash: record.hash,
    ...(record.ttlMs === null ? {} : { ttl_ms: record.ttlMs }),
    ...(record.readAtMs === null ? {} : { read_at_ms: record.readAtMs }),
  })
}

export type LiveSetRecordResult = { ok: true; record: LiveSetRecord } | { ok: false; reason: string }

export function parseLiveSetRecord(raw: string): LiveSetRecordResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const { key, hash, error, ttl_ms: ttlMs, read_at_ms: readAtMs } = parsed.object
  if (typeof key !== 'string' || key === '')
    return fail(`member must be a non-empty string, got ${typeName(key)}`)
  if (key.length > MAX_NAME_LENGTH) return fail(`member longer than ${MAX_NAME_LENGTH}`)
  if (typeof error === 'string') return fail(`reading ${key}: ${error}`)
  if (typeof hash !== 'object' || hash === null || Array.isArray(hash)) {
    return fail(`${key}: hash must be an object, got ${typeName(hash)}`)
  }
  const entries = Object.entries(hash)
  // The hash becomes the instance's fields: held to the limit a message's own fields are.
  if (entries.length > MAX_FIELDS) return fail(`${key}: hash has more than ${MAX_FIELDS} fields`)
  const fields: Record<string, string> = {}
  for (const [field, value] of entries) {
    if (typeof value !== 'string') return fail(`${key}: field ${field} must be text, got ${typeName(value)}`)
    fields[field] = value
  }
  return {
    ok: true,
    record: { key, hash: fields, ttlMs: finiteOrNull(ttlMs), readAtMs: finiteOrNull(readAtMs) },
  }
}

function fail(reason: string): LiveSetRecordResult {
  return { ok: false, reason }
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** A hash field holding JSON (Sidekiq's `info`): the parsed object, or why not. */
export function parseJsonField(
  hash: Record<string, string>,
  field: string,
): { ok: true; object: Record<string, unknown> } | { ok: false; reason: string } {
  const text = hash[field]
  if (text === undefined) return { ok: false, reason: `missing ${field}` }
  const parsed = parseJsonObject(text)
  return parsed.ok ? parsed : { ok: false, reason: `${field}: ${parsed.reason}` }
}

/** A number written as text by Python or Ruby ("1795733929.76", "0"), or null. */
export function numberField(hash: Record<string, string>, field: string): number | null {
  const text = hash[field]
  if (text === undefined || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}
