/**
 * RQ's worker registry: the set `rq:workers` of worker keys (`rq:worker:<name>`) and, per key, the hash
 * the worker keeps: `birth`, `last_heartbeat` (UTC, `2026-11-26T22:58:40.691281Z`), `state` (`started`,
 * `idle`, `busy`, `suspended`), `queues`, `pid`, `hostname`, `ip_address`, `version`, … A clean stop
 * (warm shutdown) removes the key from `rq:workers` and writes `death` with a 60 s TTL; a killed worker
 * stays in the set until its hash expires and another worker's registry cleaning drops it.
 *
 * Identity (issue 8): the instance is the worker name. RQ names a worker `uuid4().hex` unless told
 * (`-n`), a fresh name per start: such workers are grouped under their hostname as the service, so a
 * restart on the same host is one service's new instance. A name given by the user is the service.
 *
 * The expected interval comes from the hash's TTL, as RQ sets it (rq/worker.py): an idle worker beats
 * before every blocking dequeue of `worker_ttl - 15` s (at least 1) and sets the TTL to
 * `worker_ttl + 60`; a busy one beats every `job_monitoring_interval` s with a TTL of that plus 60.
 * The TTL read has been running down since the beat, so the full TTL is what remains plus the age of
 * `last_heartbeat` at the read, measured on the Redis server's clock (TIME, read with the hash): skew
 * between the worker's host and Redis's errs the interval by as much; RQ's whole seconds absorb less.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeResult } from '../heartbeat'
import { parseTimestampMs } from '../timestamp'
import { parseLiveSetRecord } from './live-set-record'

export const RQ_WORKER_KEY_PREFIX = 'rq:worker:'
/** worker.py: `register_birth` and `heartbeat()` expire the hash `worker_ttl + 60` s out. */
const TTL_MARGIN_S = 60
/** worker.py: `dequeue_timeout = max(1, worker_ttl - 15)`: an idle worker beats that often. */
const IDLE_BEAT_BEFORE_TTL_S = 15
const MIN_BEAT_S = 1
/** `uuid4().hex`: the name RQ gives a worker started without `-n`. */
const GENERATED_NAME = /^[0-9a-f]{32}$/

export function decodeRqWorker(raw: string): DecodeResult {
  const parsed = parseLiveSetRecord(raw)
  if (!parsed.ok) return reject(parsed.reason)
  const { key, hash, ttlMs, readAtMs } = parsed.record
  const name = key.startsWith(RQ_WORKER_KEY_PREFIX) ? key.slice(RQ_WORKER_KEY_PREFIX.length) : key
  if (name === '') return reject(`${key}: empty worker name`)

  // `birth` and `last_heartbeat` are written together at birth; an RQ older than heartbeats has birth.
  const marker = hash.last_heartbeat ?? hash.birth
  if (marker === undefined) return reject(`${key}: missing last_heartbeat`)
  const lastBeatMs = parseTimestampMs(marker, 'utc')
  if (lastBeatMs === null) return reject(`${key}: last_heartbeat is not a time: "${marker}"`)

  const hostname = hash.hostname?.trim() ? hash.hostname.trim() : null
  if (hostname !== null && hostname.length > MAX_NAME_LENGTH) {
    return reject(`${key}: hostname longer than ${MAX_NAME_LENGTH}`)
  }
  const state = hash.state?.trim() ? hash.state.trim() : null
  const service = GENERATED_NAME.test(name) && hostname !== null ? hostname : name

  return accept({
    service,
    instance: name,
    host: hostname,
    sentAtMs: lastBeatMs,
    declaredIntervalMs: beatIntervalMs(ttlMs, readAtMs, lastBeatMs, state),
    reported: state,
    goodbye: false,
    fields: { name, ...hash, ...(ttlMs === null ? {} : { ttl_ms: ttlMs }) },
    beatMarker: marker,
  })
}

/** How often this worker beats, from the TTL it last set; null when the hash has no TTL to go by. */
export function beatIntervalMs(
  ttlMs: number | null,
  readAtMs: number | null,
  lastBeatMs: number,
  state: string | null,
): number | null {
  if (ttlMs === null || ttlMs <= 0) return null
  const ageMs = readAtMs === null ? 0 : Math.max(0, readAtMs - lastBeatMs)
  // RQ sets whole seconds: rounding absorbs the poll delay and small clock skew.
  const fullTtlS = Math.round((ttlMs + ageMs) / 1000)
  const beatS = state === 'busy' ? fullTtlS - TTL_MARGIN_S : fullTtlS - TTL_MARGIN_S - IDLE_BEAT_BEFORE_TTL_S
  return Math.max(MIN_BEAT_S, beatS) * 1000
}

/** A key that left `rq:workers` with `death` written on its hash left by RQ's own clean stop. */
export function rqLeftCleanly(hash: Record<string, string> | null): boolean {
  return hash !== null && hash.death !== undefined
}
