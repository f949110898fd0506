/**
 * Who may talk to the headless server. On loopback, only requests addressed to a loopback name (a web
 * page cannot rebind its DNS onto us); off loopback, only requests carrying the token.
 */
import type { IncomingMessage } from 'node:http'
import { timingSafeEqual } from 'node:crypto'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]'])

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.')
}

export interface AccessPolicy {
  boundToLoopback: boolean
  token: string | null
}

/** Asked on every request, and clients send the same Host each time: the last answer is kept. */
let lastHostHeader: string | null = null
let lastHostIsLoopback = false

export function hostHeaderAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  if (!policy.boundToLoopback) return true
  const header = request.headers.host ?? ''
  if (header !== lastHostHeader) {
    lastHostIsLoopback = isLoopbackHost(header.replace(/:\d+$/, ''))
    lastHostHeader = header
  }
  return lastHostIsLoopback
}

export function tokenAllowed(request: IncomingMessage, policy: AccessPolicy): boolean {
  if (policy.token === null) return true
  const header = request.headers.authorization ?? ''
  const fromHeader = header.startsWith('Bearer ') ? header.slice(7) : null
  const fromQuery = new URL(request.url ?? '/', 'http://x').searchParams.get('token')
  const offered = fromHeader ?? fromQuery
  return offered !== null && safeEqual(offered, policy.token)
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
