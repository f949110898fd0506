/**
 * Sources are URLs (DESIGN.md): one string configures one source. This picks the parser for the URL's
 * scheme, which checks it or says exactly what is wrong. Passwords are kept for connecting and never
 * appear in `displayUrl`. Each kind of source has its parser in urls/ and one line in SCHEMES.
 */
import { parseRedisPubSubUrl, type RedisPubSubSpec } from './urls/redis-pubsub-url'
import { parsePushUrl, type PushSpec } from './urls/push-url'
import { parseRedisHashUrl, type RedisHashSpec } from './urls/redis-hash-url'
import { parseRedisKeysUrl, type RedisKeysSpec } from './urls/redis-keys-url'
import { parseAmqpUrl, type AmqpSpec } from './urls/amqp-url'
import { parseSqliteUrl, type SqliteRegistrySpec } from './urls/sqlite-url'
import { redactUrl, type Parsed } from './urls/url-parts'
import {
  parseCeleryAmqpUrl,
  parseCeleryRedisUrl,
  type CeleryAmqpSpec,
  type CeleryRedisSpec,
} from './urls/celery-url'
import { parseRqUrl, type RqSpec } from './urls/rq-url'
import { parseSidekiqUrl, type SidekiqSpec } from './urls/sidekiq-url'
import {
  isRedisClusterUrl,
  parseRedisClusterText,
  parseRedisClusterUrl,
  type RedisClusterHashSpec,
  type RedisClusterPubSubSpec,
} from './urls/redis-cluster-url'

export { SEED001_PATTERNS, type RedisPubSubSpec } from './urls/redis-pubsub-url'
export { redactUrl, type RedisConnectionSpec, type TlsSpec } from './urls/url-parts'

export type SourceSpec =
  | RedisPubSubSpec
  | RedisHashSpec
  | RedisKeysSpec
  | PushSpec
  | AmqpSpec
  | SqliteRegistrySpec
  | CeleryRedisSpec
  | CeleryAmqpSpec
  | RqSpec
  | SidekiqSpec
  | RedisClusterPubSubSpec
  | RedisClusterHashSpec

export type SpecResult = { ok: true; spec: SourceSpec } | { ok: false; error: string }

const SCHEMES: Record<string, (url: URL) => Parsed<SourceSpec>> = {
  push: parsePushUrl,
  amqp: parseAmqpUrl,
  amqps: parseAmqpUrl,
  redis: parseRedisPubSubUrl,
  rediss: parseRedisPubSubUrl,
  'redis+hash': parseRedisHashUrl,
  'rediss+hash': parseRedisHashUrl,
  'redis+keys': parseRedisKeysUrl,
  'rediss+keys': parseRedisKeysUrl,
  sqlite: parseSqliteUrl,
  'celery+redis': parseCeleryRedisUrl,
  'celery+rediss': parseCeleryRedisUrl,
  'celery+amqp': parseCeleryAmqpUrl,
  'celery+amqps': parseCeleryAmqpUrl,
  rq: parseRqUrl,
  'rq+rediss': parseRqUrl,
  sidekiq: parseSidekiqUrl,
  'sidekiq+rediss': parseSidekiqUrl,
  'redis+cluster': parseRedisClusterUrl,
  'rediss+cluster': parseRedisClusterUrl,
  'redis+cluster+hash': parseRedisClusterUrl,
  'rediss+cluster+hash': parseRedisClusterUrl,
}

export function parseSourceUrl(text: string): SpecResult {
  // A cluster's comma-separated seed list is no URL authority: its parser reads the text itself.
  if (isRedisClusterUrl(text)) {
    const cluster = parseRedisClusterText(text)
    return cluster.ok ? { ok: true, spec: cluster.value } : cluster
  }
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { ok: false, error: `not a URL: ${redactUrl(text)}` }
  }
  const scheme = url.protocol.replace(/:$/, '')
  const parse = Object.hasOwn(SCHEMES, scheme) ? SCHEMES[scheme] : undefined
  if (!parse) {
    return {
      ok: false,
      error: `unsupported source scheme "${scheme}:" (supported: ${Object.keys(SCHEMES).join(', ')})`,
    }
  }
  const parsed = parse(url)
  return parsed.ok ? { ok: true, spec: parsed.value } : parsed
}
