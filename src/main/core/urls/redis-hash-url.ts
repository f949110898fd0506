/**
 * `redis+hash://host:6379/0?key=workers&every=2s` and `rediss+hash://` with TLS: seed 000's workers hash.
 * `key=` names the hash here, so a TLS client key file is given as `tlskey=` (elsewhere `key=`).
 */
import { parseRedisPolling, POLLING_PARAMS } from './redis-registry-url'
import { checkParams, redactUrl, TLS_PARAMS, type Parsed, type RedisConnectionSpec } from './url-parts'

export interface RedisHashSpec {
  kind: 'redis-hash'
  displayUrl: string
  connection: RedisConnectionSpec
  /** The hash to read; seed 000's manager writes `workers`. */
  key: string
  pollEveryMs: number
  defaultIntervalMs: number
}

export const SEED000_HASH_KEY = 'workers'
export const TLS_KEY_PARAM = 'tlskey'
export const SEED000_POLL_DEFAULTS = {
  pollEveryMs: 2_000,
  /** Seed 000's workers send a frame every HEARTBEAT_INTERVAL, 5 s by default. */
  intervalMs: 5_000,
}

export function parseRedisHashUrl(url: URL): Parsed<RedisHashSpec> {
  const params = checkParams(url, ['key', TLS_KEY_PARAM, ...POLLING_PARAMS, ...TLS_PARAMS])
  if (!params.ok) return params
  const key = hashKey(url, redactUrl(url.href))
  if (!key.ok) return key
  const polling = parseRedisPolling(hashConnectionUrl(url), SEED000_POLL_DEFAULTS)
  if (!polling.ok) return polling
  return {
    ok: true,
    value: { kind: 'redis-hash', displayUrl: redactUrl(url.href), key: key.value, ...polling.value },
  }
}

export function hashKey(url: URL, displayUrl: string): Parsed<string> {
  const key = url.searchParams.get('key') ?? SEED000_HASH_KEY
  if (key === '') return { ok: false, error: `key must name a hash, in ${displayUrl}` }
  return { ok: true, value: key }
}

/** The URL as the shared connection parser reads it: `key=` is the TLS client key file there. */
export function hashConnectionUrl(url: URL): URL {
  const connection = new URL(url.href)
  connection.searchParams.delete('key')
  connection.searchParams.delete(TLS_KEY_PARAM)
  const tlsKeyFile = url.searchParams.get(TLS_KEY_PARAM)
  if (tlsKeyFile !== null) connection.searchParams.set('key', tlsKeyFile)
  return connection
}
