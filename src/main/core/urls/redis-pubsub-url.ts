/** `redis://host:6379/0?pattern=…&interval=…` and `rediss://` with TLS: Redis/Valkey pub/sub (seed 001). */
import {
  checkParams,
  optionalDuration,
  parseRedisConnection,
  redactUrl,
  TLS_PARAMS,
  type Parsed,
  type RedisConnectionSpec,
} from './url-parts'

export interface RedisPubSubSpec {
  kind: 'redis-pubsub'
  displayUrl: string
  connection: RedisConnectionSpec
  patterns: string[]
  defaultIntervalMs: number | null
}

/** Seed 001 names both channel families; by default we listen to both. */
export const SEED001_PATTERNS = ['heartbeat:service:*', 'health:service:*:heartbeat']

export function parseRedisPubSubUrl(url: URL): Parsed<RedisPubSubSpec> {
  const params = checkParams(url, ['pattern', 'interval', ...TLS_PARAMS])
  if (!params.ok) return params
  const connection = parseRedisConnection(url, url.protocol === 'rediss:')
  if (!connection.ok) return connection
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  const patterns = url.searchParams.getAll('pattern').filter((pattern) => pattern !== '')
  return {
    ok: true,
    value: {
      kind: 'redis-pubsub',
      displayUrl: redactUrl(url.href),
      connection: connection.value,
      patterns: patterns.length > 0 ? patterns : [...SEED001_PATTERNS],
      defaultIntervalMs: interval.value,
    },
  }
}
