/** A decoded heartbeat: what every wire format is turned into before the registry sees it. */
import { parseTimestampMs } from './timestamp'

export interface Heartbeat {
  service: string
  /** Defaults to the service name when the wire format has no instance id. */
  instance: string
  host: string | null
  /** The publisher's own clock, epoch ms, if the payload says; only used to show skew. */
  sentAtMs: number | null
  /**
   * Or the payload field that holds it as written (ISO 8601, UTC when it names no zone), parsed by
   * `sentAtOf` only when shown: parsing every heartbeat's timestamp cost a fifth of what the engine adds
   * to a message, for a figure nobody may look at.
   */
  sentAtField?: string
  /** The interval the publisher declares for itself, if it does. */
  declaredIntervalMs: number | null
  /** Health the payload reports about itself; not liveness. */
  reported: string | null
  /**
   * The key metrics its format names, where the decoder reads them anyway (seed 001): a list row then
   * shows them without the payload being parsed again. Absent: a row picks them out of the payload.
   */
  cpuPercent?: number
  memoryMb?: number
  /** An unmistakable goodbye: the instance stopped on purpose. */
  goodbye: boolean
  /** Every field of the payload, kept for display. */
  fields: Record<string, unknown>
  /**
   * The message `fields` was parsed from, when it is exactly that object in (tolerant) JSON. The
   * registry then keeps this string instead: the garbage collector copies one flat string per instance
   * but walks every field of an object, and kept payload objects were most of what the engine added to
   * a message under a flood. It is parsed again only when shown.
   */
  fieldsJson?: string
  /**
   * For records read from a registry (a Redis hash, a SQL table): the value that changes when the
   * instance beats, e.g. its `last_heartbeat`. A record read again with the same marker is news about
   * its reported health only, not a heartbeat. Null: every message is a heartbeat.
   */
  beatMarker: string | null
  /**
   * False when the instance id names a lasting part rather than one run of a process (seed 002's
   * hosts, queues and services): a new id is then another part, not a restart, and replaces nothing.
   * Absent: true.
   */
  replaceable?: boolean
}

/** When the publisher says it sent the heartbeat, epoch ms, or null if it does not say (readably). */
export function sentAtOf(heartbeat: Pick<Heartbeat, 'sentAtMs' | 'sentAtField' | 'fields'>): number | null {
  return sentAtIn(heartbeat.sentAtMs, heartbeat.sentAtField ?? null, heartbeat.fields)
}

export function sentAtIn(
  sentAtMs: number | null,
  field: string | null,
  fields: Record<string, unknown>,
): number | null {
  return field === null ? sentAtMs : parseTimestampMs(fields[field])
}

/** One message may carry several instances (seed 002: each host and consumer). */
export type DecodeResult = { ok: true; heartbeats: Heartbeat[] } | { ok: false; reason: string }

/** A decoder turns the bytes of one message into heartbeats or a reason; it never throws. */
export type Decoder = (raw: string, context: DecodeContext) => DecodeResult

export interface DecodeContext {
  /** The channel, routing key or path the message came on, where the transport has one. */
  channel: string | null
}

/** Over this a message is refused before parsing (issue 2: "over 64 KiB"). */
export const MAX_MESSAGE_BYTES = 64 * 1024
export const MAX_NAME_LENGTH = 256

export function reject(reason: string): DecodeResult {
  return { ok: false, reason }
}

export function accept(heartbeat: Heartbeat): DecodeResult {
  return acceptAll([heartbeat])
}

/**
 * The one way heartbeats leave a decoder, so the limits the registry relies on hold for every wire
 * format: a service and an instance of 1 to MAX_NAME_LENGTH characters (an id a decoder composes, such
 * as Celery's `node#pid`, can outgrow the parts it checked), and numbers a clock can use: a product
 * that overflowed to Infinity (a declared interval of 1e306 s) is unknown, not infinite.
 */
export function acceptAll(heartbeats: Heartbeat[]): DecodeResult {
  for (const heartbeat of heartbeats) {
    const problem = nameProblem(heartbeat.service, 'service') ?? nameProblem(heartbeat.instance, 'instance')
    if (problem !== null) return reject(problem)
    if (heartbeat.sentAtMs !== null && !Number.isFinite(heartbeat.sentAtMs)) heartbeat.sentAtMs = null
    const intervalMs = heartbeat.declaredIntervalMs
    if (intervalMs !== null && !(Number.isFinite(intervalMs) && intervalMs > 0)) {
      heartbeat.declaredIntervalMs = null
    }
  }
  return { ok: true, heartbeats }
}

function nameProblem(name: string, what: string): string | null {
  if (name.length === 0) return `${what} name is empty`
  if (name.length > MAX_NAME_LENGTH) return `${what} name longer than ${MAX_NAME_LENGTH}`
  return null
}
