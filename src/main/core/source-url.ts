/**
 * Sources are URLs (DESIGN.md): one string configures one source. This parses and checks one, or says
 * exactly what is wrong with it. Passwords are kept for connecting and never appear in `displayUrl`.
 */
import { parseDurationMs } from './duration'

export interface TlsSpec {
  caFile: string | null
  certFile: string | null
  keyFile: string | null
  /** Verify the server's certificate (on unless `verify=0`). */
  verify: boolean
  servername: string | null
}

export interface RedisConnectionSpec {
  host: string
  port: number
  db: number
  username: string | null
  password: string | null
  tls: TlsSpec | null
}

export interface RedisPubSubSpec {
  kind: 'redis-pubsub'
  displayUrl: string
  connection: RedisConnectionSpec
  patterns: string[]
  defaultIntervalMs: number | null
}

export type SourceSpec = RedisPubSubSpec

export type SpecResult = { ok: true; spec: SourceSpec } | { ok: false; error: string }

/** Seed 001 names both channel families; by default we listen to both. */
export const SEED001_PATTERNS = ['heartbeat:service:*', 'health:service:*:heartbeat']

const SUPPORTED = ['redis', 'rediss']

export function parseSourceUrl(text: string): SpecResult {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { ok: false, error: `not a URL: ${redactUrl(text)}` }
  }
  const scheme = url.protocol.replace(/:$/, '')
  switch (scheme) {
    case 'redis':
    case 'rediss':
      return parseRedisPubSub(url)
    default:
      return {
        ok: false,
        error: `unsupported source scheme "${scheme}:" (supported: ${SUPPORTED.join(', ')})`,
      }
  }
}

function parseRedisPubSub(url: URL): SpecResult {
  const connection = parseRedisConnection(url)
  if (!connection.ok) return connection
  const allowed = new Set(['pattern', 'interval', ...TLS_PARAMS])
  const unknownParam = [...url.searchParams.keys()].find((key) => !allowed.has(key))
  if (unknownParam)
    return { ok: false, error: `unknown parameter "${unknownParam}" in ${redactUrl(url.href)}` }
  const patterns = url.searchParams.getAll('pattern').filter((pattern) => pattern !== '')
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  return {
    ok: true,
    spec: {
      kind: 'redis-pubsub',
      displayUrl: redactUrl(url.href),
      connection: connection.value,
      patterns: patterns.length > 0 ? patterns : [...SEED001_PATTERNS],
      defaultIntervalMs: interval.value,
    },
  }
}

const TLS_PARAMS = ['ca', 'cert', 'key', 'verify', 'servername']

function parseRedisConnection(
  url: URL,
): { ok: true; value: RedisConnectionSpec } | { ok: false; error: string } {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === '') return { ok: false, error: `missing host in ${redactUrl(url.href)}` }
  const port = url.port === '' ? 6379 : Number(url.port)
  const dbText = url.pathname.replace(/^\//, '')
  const db = dbText === '' ? 0 : Number(dbText)
  if (!Number.isInteger(db) || db < 0)
    return { ok: false, error: `database must be a number, got "${dbText}"` }
  const tls = url.protocol === 'rediss:' ? tlsSpec(url) : null
  if (url.protocol !== 'rediss:' && TLS_PARAMS.some((name) => url.searchParams.has(name))) {
    return { ok: false, error: `TLS parameters need rediss://, not redis:// (${redactUrl(url.href)})` }
  }
  return {
    ok: true,
    value: {
      host,
      port,
      db,
      username: url.username === '' ? null : decodeURIComponent(url.username),
      password: url.password === '' ? null : decodeURIComponent(url.password),
      tls,
    },
  }
}

function tlsSpec(url: URL): TlsSpec {
  const params = url.searchParams
  return {
    caFile: params.get('ca'),
    certFile: params.get('cert'),
    keyFile: params.get('key'),
    verify: !['0', 'false', 'no'].includes((params.get('verify') ?? '1').toLowerCase()),
    servername: params.get('servername'),
  }
}

function optionalDuration(
  url: URL,
  name: string,
): { ok: true; value: number | null } | { ok: false; error: string } {
  const text = url.searchParams.get(name)
  if (text === null) return { ok: true, value: null }
  const ms = parseDurationMs(text)
  if (ms === null) return { ok: false, error: `${name} must be a duration like 30s or 500ms, got "${text}"` }
  return { ok: true, value: ms }
}

/** The URL with its password replaced by ***, safe to log and to show. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text)
    if (url.password !== '') url.password = '***'
    return url.href
  } catch {
    return text.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
  }
}
