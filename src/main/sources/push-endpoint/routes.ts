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
const REGISTER: Route = { kind: 'register' }
const WORKERS: Route = { kind: 'workers' }
const HEARTBEAT: Route = { kind: 'heartbeat' }
const NOT_FOUND: Route = { kind: 'not-found' }

// Runs on every request: segments are read by index (a rest pattern or a slice costs an array each).
export function routeOf(method: string, pathname: string): Route {
  // "/a/b" splits into ["", "a", "b"]: the path's own segments start at 1.
  const parts = pathname.split('/')
  const segmentCount = parts.length - 1
  switch (parts[1]) {
    case 'register':
      return exact(segmentCount, method, ['POST'], REGISTER)
    case 'workers':
      return exact(segmentCount, method, ['GET', 'HEAD'], WORKERS)
    case 'heartbeat':
      return exact(segmentCount, method, ['POST'], HEARTBEAT)
    case 'ws':
      return segmentCount === 2 && parts[2] !== '' ? { kind: 'websocket-only' } : NOT_FOUND
    case 'ping': {
      const service = parts[2]
      const suffix = parts[3]
      if (service === undefined || service === '' || segmentCount > 3) return NOT_FOUND
      const ping = suffix === undefined ? 'success' : suffix === 'start' || suffix === 'fail' ? suffix : null
      if (ping === null) return NOT_FOUND
      if (!PING_METHODS.includes(method))
        return { kind: 'method-not-allowed', allow: PING_METHODS.join(', ') }
      return { kind: 'ping', service: decodeSegment(service), ping }
    }
    default:
      return NOT_FOUND
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

function exact(segmentCount: number, method: string, methods: string[], route: Route): Route {
  if (segmentCount !== 1) return NOT_FOUND
  return methods.includes(method) ? route : { kind: 'method-not-allowed', allow: methods.join(', ') }
}

/** The name as sent; a malformed escape is left as it is, for the decoder to refuse with a reason. */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
