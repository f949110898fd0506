/**
 * The common first step of every JSON wire format: size limit, tolerant parse, an object at the top,
 * limits on its fields and its nesting.
 */
import { MAX_MESSAGE_BYTES } from '../heartbeat'
import { parseTolerantJson } from './tolerant-json'

export const MAX_FIELDS = 512
/**
 * JSON.parse takes any depth, but JSON.stringify and structured clone recurse: 64 KiB of `[` parses
 * and then throws "Maximum call stack size exceeded" wherever the payload is sent or saved.
 */
export const MAX_NESTING_DEPTH = 64

export type JsonObjectResult = { ok: true; object: Record<string, unknown> } | { ok: false; reason: string }

export function parseJsonObject(raw: string): JsonObjectResult {
  // A UTF-16 length over the limit is always over it in bytes; only near the limit count bytes.
  if (
    raw.length > MAX_MESSAGE_BYTES ||
    (raw.length * 3 > MAX_MESSAGE_BYTES && byteLength(raw) > MAX_MESSAGE_BYTES)
  ) {
    return { ok: false, reason: `message over ${MAX_MESSAGE_BYTES / 1024} KiB` }
  }
  let value: unknown
  try {
    // Most messages are plain JSON: parsed here, with no result object per message to allocate.
    value = JSON.parse(raw)
  } catch {
    const parsed = parseTolerantJson(raw)
    if (!parsed.ok) return parsed
    value = parsed.value
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'message is not a JSON object' }
  }
  // Each field takes at least 6 bytes ({"a":1,), so a shorter message needs no count.
  if (raw.length > MAX_FIELDS * 6 && Object.keys(value).length > MAX_FIELDS)
    return { ok: false, reason: `more than ${MAX_FIELDS} fields` }
  // Each level takes at least 2 characters ([]), so a shorter message needs no look.
  if (openersMoreThan(raw, MAX_NESTING_DEPTH) && nestedDeeperThan(value, MAX_NESTING_DEPTH))
    return { ok: false, reason: `nested deeper than ${MAX_NESTING_DEPTH} levels` }
  return { ok: true, object: value as Record<string, unknown> }
}

/**
 * Does `node`, itself one level, hold arrays or objects more than `levels` deep? The recursion stops at
 * `levels`, so a hostile depth cannot exhaust the stack here; a flat message costs a look at each field.
 */
function nestedDeeperThan(node: object, levels: number): boolean {
  const children: unknown[] = Array.isArray(node) ? node : Object.values(node)
  for (const child of children) {
    if (typeof child !== 'object' || child === null) continue
    if (levels <= 1 || nestedDeeperThan(child, levels - 1)) return true
  }
  return false
}

/**
 * Nesting deeper than `limit` needs more than `limit` `{` or `[`: counted with the native indexOf, this
 * spares a walk of every ordinary message (this runs once per heartbeat).
 */
function openersMoreThan(raw: string, limit: number): boolean {
  let count = 0
  for (let at = raw.indexOf('{'); at !== -1; at = raw.indexOf('{', at + 1)) if (++count > limit) return true
  for (let at = raw.indexOf('['); at !== -1; at = raw.indexOf('[', at + 1)) if (++count > limit) return true
  return false
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length
}

export function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
