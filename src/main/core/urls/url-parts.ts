/** Pieces every source URL parser shares: Redis connections, TLS files, durations, parameter checks. */
import { parseDurationMs } from '../duration'

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

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

export const TLS_PARAMS = ['ca', 'cert', 'key', 'verify', 'servername']

/** host, port (default 6379), /db, user:password and, for a `…s://` scheme, TLS from the query. */
export function parseRedisConnection(url: URL, tlsScheme: boolean): Parsed<RedisConnectionSpec> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === '') return { ok: false, error: `missing host in ${redactUrl(url.href)}` }
  const port = url.port === '' ? 6379 : Number(url.port)
  const dbText = url.pathname.replace(/^\//, '')
  const db = dbText === '' ? 0 : Number(dbText)
  if (!Number.isInteger(db) || db < 0)
    return { ok: false, error: `database must be a number, got "${dbText}"` }
  if (!tlsScheme && TLS_PARAMS.some((name) => url.searchParams.has(name))) {
    return { ok: false, error: `TLS parameters need a TLS scheme (rediss://), in ${redactUrl(url.href)}` }
  }
  return {
    ok: true,
    value: {
      host,
      port,
      db,
      username: url.username === '' ? null : decodeURIComponent(url.username),
      password: url.password === '' ? null : decodeURIComponent(url.password),
      tls: tlsScheme ? tlsSpec(url) : null,
    },
  }
}

export function tlsSpec(url: URL): TlsSpec {
  const params = url.searchParams
  return {
    caFile: params.get('ca'),
    certFile: params.get('cert'),
    keyFile: params.get('key'),
    verify: !['0', 'false', 'no'].includes((params.get('verify') ?? '1').toLowerCase()),
    servername: params.get('servername'),
  }
}

/** Refuses a query parameter this kind of source does not know (a typo must not pass silently). */
export function checkParams(url: URL, allowed: readonly string[]): Parsed<null> {
  const known = new Set(allowed)
  const unknown = [...url.searchParams.keys()].find((key) => !known.has(key))
  if (unknown) return { ok: false, error: `unknown parameter "${unknown}" in ${redactUrl(url.href)}` }
  return { ok: true, value: null }
}

export function optionalDuration(url: URL, name: string): Parsed<number | null> {
  const text = url.searchParams.get(name)
  if (text === null) return { ok: true, value: null }
  const ms = parseDurationMs(text)
  if (ms === null) return { ok: false, error: `${name} must be a duration like 30s or 500ms, got "${text}"` }
  return { ok: true, value: ms }
}

/** The URL with its password and any `token=` (the push endpoint's) replaced by ***, safe to log and to show. */
export function redactUrl(text: string): string {
  let redacted: string
  try {
    const url = new URL(text)
    if (url.password !== '') url.password = '***'
    redacted = url.href
  } catch {
    redacted = text.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
  }
  // In the text, not through searchParams, which would rewrite the encoding of every other parameter.
  return redacted.replace(/([?&]token=)[^&#]*/gi, '$1***')
}
