/**
 * Celery's worker events, watched where its workers send them:
 * - `celery+redis://host:6379/0?exchange=celeryev` (`celery+rediss://` with TLS): kombu turns the event
 *   exchange into Redis pub/sub on `/{db}.{exchange}/{routing key}` (its fanout prefix and patterns,
 *   on by default), so we PSUBSCRIBE `/{db}.celeryev/worker.*` on the broker's database.
 * - `celery+amqp://user:pass@host:5672/vhost?exchange=celeryev` (`celery+amqps://` with TLS): our own
 *   exclusive, auto-delete queue bound to the `celeryev` topic exchange with `worker.#`, declared as
 *   Celery declares it (topic, durable) so that watching before the first worker starts works.
 * `exchange=` follows Celery's `event_exchange` setting; `interval=` is the expected interval until an
 * event declares its `freq` (Celery's default heartbeat, 2 s).
 */
import type { AmqpSpec } from './amqp-url'
import { parseAmqpUrl } from './amqp-url'
import type { RedisPubSubSpec } from './redis-pubsub-url'
import {
  checkParams,
  optionalDuration,
  parseRedisConnection,
  redactUrl,
  TLS_PARAMS,
  type Parsed,
} from './url-parts'

export interface CeleryRedisSpec {
  kind: 'celery-redis'
  displayUrl: string
  /** The pub/sub subscription that carries the events. */
  subscription: RedisPubSubSpec
  defaultIntervalMs: number
}

export interface CeleryAmqpSpec {
  kind: 'celery-amqp'
  displayUrl: string
  /** The exchange binding that carries the events. */
  subscription: AmqpSpec
  defaultIntervalMs: number
}

/** Celery's `event_exchange` default. */
export const CELERY_EVENT_EXCHANGE = 'celeryev'
/** Worker events only: task events (`task.*`) share the exchange and say nothing of liveness. */
export const CELERY_WORKER_ROUTING_KEY = 'worker.#'
/** celery/worker/heartbeat.py: `interval or 2.0`. */
export const CELERY_HEARTBEAT_MS = 2_000

export function parseCeleryRedisUrl(url: URL): Parsed<CeleryRedisSpec> {
  const params = checkParams(url, ['exchange', 'interval', ...TLS_PARAMS])
  if (!params.ok) return params
  const connection = parseRedisConnection(url, url.protocol === 'celery+rediss:')
  if (!connection.ok) return connection
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  const exchange = url.searchParams.get('exchange') || CELERY_EVENT_EXCHANGE
  const displayUrl = redactUrl(url.href)
  const defaultIntervalMs = interval.value ?? CELERY_HEARTBEAT_MS
  return {
    ok: true,
    value: {
      kind: 'celery-redis',
      displayUrl,
      subscription: {
        kind: 'redis-pubsub',
        displayUrl,
        connection: connection.value,
        patterns: [celeryRedisEventPattern(connection.value.db, exchange)],
        defaultIntervalMs,
      },
      defaultIntervalMs,
    },
  }
}

/** kombu's Redis fanout channel for worker events: `/{db}.{exchange}/worker.*`, glob characters escaped. */
export function celeryRedisEventPattern(db: number, exchange: string): string {
  return `/${db}.${exchange.replace(/[*?[\]\\]/g, '\\$&')}/worker.*`
}

export function parseCeleryAmqpUrl(url: URL): Parsed<CeleryAmqpSpec> {
  const params = checkParams(url, ['exchange', 'prefetch', 'passive', 'interval', ...TLS_PARAMS])
  if (!params.ok) return params
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  // The same connection, exchange binding and options as an `amqp://` source: parsed by its parser.
  const amqpUrl = new URL(url.href.replace(/^celery\+/i, ''))
  // Celery's broker URLs write the default vhost `amqp://host//` (kombu reads `//` as `/`): so do we.
  if (amqpUrl.pathname === '//') amqpUrl.pathname = '/%2F'
  amqpUrl.searchParams.set('exchange', url.searchParams.get('exchange') || CELERY_EVENT_EXCHANGE)
  amqpUrl.searchParams.set('routingKey', CELERY_WORKER_ROUTING_KEY)
  const subscription = parseAmqpUrl(amqpUrl)
  if (!subscription.ok) return subscription
  const defaultIntervalMs = interval.value ?? CELERY_HEARTBEAT_MS
  return {
    ok: true,
    value: {
      kind: 'celery-amqp',
      displayUrl: redactUrl(url.href),
      subscription: { ...subscription.value, defaultIntervalMs },
      defaultIntervalMs,
    },
  }
}
