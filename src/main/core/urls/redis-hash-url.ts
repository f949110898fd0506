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
const TLS_KEY_PARAM = 'tlskey'
const DEFAULT_POLL_EVERY_MS = 2_000
/** Seed 000's workers send a frame every HEARTBEAT_INTERVAL, 5 s by default. */
const SEED000_INTERVAL_MS = 5_000

export function parseRedisHashUrl(url: URL): Parsed<RedisHashSpec> {
  const params = checkParams(url, ['key', TLS_KEY_PARAM, ...POLLING_PARAMS, ...TLS_PARAMS])
  if (!params.ok) return params
  const key = url.searchParams.get('key') ?? SEED000_HASH_KEY
  if (key === '') return { ok: false, error: `key must name a hash, in ${redactUrl(url.href)}` }
  const polling = parseRedisPolling(connectionUrl(url), {
    pollEveryMs: DEFAULT_POLL_EVERY_MS,
    intervalMs: SEED000_INTERVAL_MS,
  })
  if (!polling.ok) return polling
  return {
    ok: true,
    value: { kind: 'redis-hash', displayUrl: redactUrl(url.href), key, ...polling.value },
  }
}

/** The URL as the shared connection parser reads it: `key=` is the TLS client key file there. */
function connectionUrl(url: URL): URL {
  const connection = new URL(url.href)
  connection.searchParams.delete('key')
  connection.searchParams.delete(TLS_KEY_PARAM)
  const tlsKeyFile = url.searchParams.get(TLS_KEY_PARAM)
  if (tlsKeyFile !== null) connection.searchParams.set('key', tlsKeyFile)
  return connection
}
