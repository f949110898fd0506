/**
 * The push endpoint's HTTP paths and the methods each takes:
 *   POST /register  GET /workers  WS /ws/{worker_id}     (seed 000's manager)
 *   POST /heartbeat                                      (a seed 001 body)
 *   GET|HEAD|POST /ping/{service}[/start|/fail]          (healthchecks-style)
 */
import type { PingKind } from '../../core/decode/ping'

export type Route =
  | { kind: 'register' }
  | { kind: 'workers' }
  | { kind: 'heartbeat' }
  | { kind: 'ping'; service: string; ping: PingKind }
  | { kind: 'websocket-only' }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed'; allow: string }

const PING_METHODS = ['GET', 'HEAD', 'POST']

export function routeOf(method: string, pathname: string): Route {
  const segments = pathname.split('/').slice(1)
  const [first, service, suffix, ...rest] = segments
  switch (first) {
    case 'register':
      return exact(segments, method, ['POST'], { kind: 'register' })
    case 'workers':
      return exact(segments, method, ['GET', 'HEAD'], { kind: 'workers' })
    case 'heartbeat':
      return exact(segments, method, ['POST'], { kind: 'heartbeat' })
    case 'ws':
      return segments.length === 2 && service !== '' ? { kind: 'websocket-only' } : { kind: 'not-found' }
    case 'ping': {
      if (service === undefined || service === '' || rest.length > 0) return { kind: 'not-found' }
      const ping = suffix === undefined ? 'success' : suffix === 'start' || suffix === 'fail' ? suffix : null
      if (ping === null) return { kind: 'not-found' }
      if (!PING_METHODS.includes(method))
        return { kind: 'method-not-allowed', allow: PING_METHODS.join(', ') }
      return { kind: 'ping', service: decodeSegment(service), ping }
    }
    default:
      return { kind: 'not-found' }
  }
}

/**
 * The path exactly as the client sent it, without the query. Not through `new URL`, which resolves
 * `..`: `/ping/../register` must be judged as the ping it claims to be, not quietly re-routed.
 */
export function rawPathOf(requestUrl: string | undefined): string {
  const url = requestUrl ?? '/'
  if (!url.startsWith('/')) return URL.canParse(url) ? new URL(url).pathname : '/'
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

function exact(segments: string[], method: string, methods: string[], route: Route): Route {
  if (segments.length !== 1) return { kind: 'not-found' }
  return methods.includes(method) ? route : { kind: 'method-not-allowed', allow: methods.join(', ') }
}

/** The name as sent; a malformed escape is left as it is, for the decoder to refuse with a reason. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
