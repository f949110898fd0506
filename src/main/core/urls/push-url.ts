/**
 * `push://HOST:PORT?token=…&interval=…`: the built-in endpoint (HTTP + WebSocket) that services push
 * to. It binds loopback unless the URL names another address, and then a bearer token is required:
 * anything on the network could otherwise forge heartbeats, or silence a dead service with them.
 */
import { SEED000_HEARTBEAT_INTERVAL_MS } from '../decode/seed000-frame'
import { checkParams, optionalDuration, type Parsed } from './url-parts'

export interface PushSpec {
  kind: 'push'
  displayUrl: string
  /** The address to bind, without IPv6 brackets. */
  host: string
  port: number
  token: string | null
  /** `interval=`: the default for every instance of this source, when given. */
  defaultIntervalMs: number | null
  /** What seed 000 workers (register and WebSocket) declare: `interval=`, else their 5 s default. */
  workerIntervalMs: number
}

export const DEFAULT_PUSH_HOST = '127.0.0.1'
export const DEFAULT_PUSH_PORT = 7475
export const MIN_TOKEN_LENGTH = 16

export function parsePushUrl(url: URL): Parsed<PushSpec> {
  const params = checkParams(url, ['token', 'interval'])
  if (!params.ok) return { ok: false, error: params.error.replace(/token=[^&\s]*/g, 'token=***') }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'push URL takes no user or password; use ?token=' }
  }
  if (url.pathname !== '' && url.pathname !== '/') {
    return { ok: false, error: `push URL takes no path, got "${url.pathname}"` }
  }
  const host = url.hostname === '' ? DEFAULT_PUSH_HOST : url.hostname.replace(/^\[|\]$/g, '')
  const port = url.port === '' ? DEFAULT_PUSH_PORT : Number(url.port)
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return { ok: false, error: `port must be 1 to 65535, got "${url.port}"` }
  }
  const token = url.searchParams.get('token')
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    return { ok: false, error: `token must be at least ${MIN_TOKEN_LENGTH} characters` }
  }
  if (token === null && !isLoopbackAddress(host)) {
    return {
      ok: false,
      error: `push endpoint on ${host} is reachable from the network: add ?token=<at least ${MIN_TOKEN_LENGTH} characters>, or bind 127.0.0.1`,
    }
  }
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  return {
    ok: true,
    value: {
      kind: 'push',
      displayUrl: pushDisplayUrl(host, port, token !== null, url.searchParams.get('interval')),
      host,
      port,
      token,
      defaultIntervalMs: interval.value,
      workerIntervalMs: interval.value ?? SEED000_HEARTBEAT_INTERVAL_MS,
    },
  }
}

/** Loopback names and addresses: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackAddress(host: string): boolean {
  const lower = host.toLowerCase()
  return lower === 'localhost' || lower === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower)
}

/** Always with its port, so `push://127.0.0.1` and `push://127.0.0.1:7475` are one source; never the token. */
function pushDisplayUrl(host: string, port: number, hasToken: boolean, interval: string | null): string {
  const query = [
    hasToken ? 'token=***' : null,
    interval !== null ? `interval=${encodeURIComponent(interval)}` : null,
  ]
    .filter((part) => part !== null)
    .join('&')
  const address = host.includes(':') ? `[${host}]` : host
  return `push://${address}:${port}${query === '' ? '' : `?${query}`}`
}
