/**
 * `amqp://user:pass@host:5672/vhost?exchange=…&routingKey=…&queue=…&passive=1&prefetch=…&interval=…` and
 * `amqps://` with TLS files: RabbitMQ carrying seed 002's heartbeats (ELIXIR-NO/pipeline-heartbeat).
 *
 * The defaults are the seed's own: topic exchange `my_topic_exchange`, routing key `service.heartbeat`,
 * a 60 s publish interval. The vhost is the one path segment, `%2F` for `/` as the AMQP URI spec says;
 * no path (or an empty one) is `/`, as amqplib and pika read it.
 */
import {
  checkParams,
  optionalDuration,
  redactUrl,
  tlsSpec,
  TLS_PARAMS,
  type Parsed,
  type TlsSpec,
} from './url-parts'

export interface AmqpConnectionSpec {
  host: string
  port: number
  vhost: string
  username: string
  password: string
  tls: TlsSpec | null
}

export interface AmqpSpec {
  kind: 'amqp'
  displayUrl: string
  connection: AmqpConnectionSpec
  exchange: string
  routingKey: string
  /** A named queue to consume; null: our own exclusive, auto-delete queue bound to the exchange. */
  queue: string | null
  /** Declare nothing but our own queue: check that the exchange (or the named queue) exists. */
  passive: boolean
  prefetch: number
  defaultIntervalMs: number
}

export const SEED002_EXCHANGE = 'my_topic_exchange'
export const SEED002_ROUTING_KEY = 'service.heartbeat'
/** Seed 002's PUBLISH_INTERVAL. */
export const SEED002_INTERVAL_MS = 60_000
/** Enough to keep the wire busy, few enough that a slow engine does not hoard the broker's messages. */
export const DEFAULT_PREFETCH = 100
/** basic.qos prefetch-count is a 16-bit field. */
const MAX_PREFETCH = 65_535

const AMQP_PARAMS = ['exchange', 'routingKey', 'queue', 'passive', 'prefetch', 'interval']

export function parseAmqpUrl(url: URL): Parsed<AmqpSpec> {
  const params = checkParams(url, [...AMQP_PARAMS, ...TLS_PARAMS])
  if (!params.ok) return params
  const connection = parseAmqpConnection(url)
  if (!connection.ok) return connection
  const passive = parseFlag(url, 'passive')
  if (!passive.ok) return passive
  const prefetch = parsePrefetch(url)
  if (!prefetch.ok) return prefetch
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  return {
    ok: true,
    value: {
      kind: 'amqp',
      displayUrl: redactUrl(url.href),
      connection: connection.value,
      exchange: nonEmpty(url, 'exchange') ?? SEED002_EXCHANGE,
      routingKey: nonEmpty(url, 'routingKey') ?? SEED002_ROUTING_KEY,
      queue: nonEmpty(url, 'queue'),
      passive: passive.value,
      prefetch: prefetch.value,
      defaultIntervalMs: interval.value ?? SEED002_INTERVAL_MS,
    },
  }
}

function parseAmqpConnection(url: URL): Parsed<AmqpConnectionSpec> {
  const tlsScheme = url.protocol === 'amqps:'
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === '') return { ok: false, error: `missing host in ${redactUrl(url.href)}` }
  if (!tlsScheme && TLS_PARAMS.some((name) => url.searchParams.has(name))) {
    return { ok: false, error: `TLS parameters need a TLS scheme (amqps://), in ${redactUrl(url.href)}` }
  }
  const vhost = parseVhost(url.pathname)
  if (!vhost.ok) return vhost
  // amqplib's rule: guest/guest only when neither a user nor a password is given.
  const anyCredentials = url.username !== '' || url.password !== ''
  const username: Parsed<string> = anyCredentials
    ? percentDecoded(url.username, 'user name')
    : { ok: true, value: 'guest' }
  if (!username.ok) return username
  const password: Parsed<string> = anyCredentials
    ? percentDecoded(url.password, 'password')
    : { ok: true, value: 'guest' }
  if (!password.ok) return password
  return {
    ok: true,
    value: {
      host,
      port: url.port === '' ? (tlsScheme ? 5671 : 5672) : Number(url.port),
      vhost: vhost.value,
      username: username.value,
      password: password.value,
      tls: tlsScheme ? tlsSpec(url) : null,
    },
  }
}

function parseVhost(pathname: string): Parsed<string> {
  const segment = pathname.replace(/^\//, '')
  if (segment === '') return { ok: true, value: '/' }
  if (segment.includes('/')) {
    return { ok: false, error: `the vhost is one path segment: write "/" inside it as %2F, got "${segment}"` }
  }
  return percentDecoded(segment, 'vhost')
}

/** The password's own text never goes into the error: it may be most of the secret. */
function percentDecoded(text: string, what: string): Parsed<string> {
  try {
    return { ok: true, value: decodeURIComponent(text) }
  } catch {
    return {
      ok: false,
      error: `${what} is not valid percent-encoding${what === 'password' ? '' : `: "${text}"`}`,
    }
  }
}

/** An empty value (`exchange=`) means the default, as a form left blank does. */
function nonEmpty(url: URL, name: string): string | null {
  const value = url.searchParams.get(name)
  return value === null || value === '' ? null : value
}

function parseFlag(url: URL, name: string): Parsed<boolean> {
  const text = (url.searchParams.get(name) ?? '0').toLowerCase()
  if (['1', 'true', 'yes'].includes(text)) return { ok: true, value: true }
  if (['0', 'false', 'no', ''].includes(text)) return { ok: true, value: false }
  return { ok: false, error: `${name} must be 1 or 0, got "${text}"` }
}

function parsePrefetch(url: URL): Parsed<number> {
  const text = url.searchParams.get('prefetch')
  if (text === null || text === '') return { ok: true, value: DEFAULT_PREFETCH }
  const count = Number(text)
  if (!/^\d+$/.test(text) || count < 1 || count > MAX_PREFETCH) {
    return { ok: false, error: `prefetch must be a whole number from 1 to ${MAX_PREFETCH}, got "${text}"` }
  }
  return { ok: true, value: count }
}
