/**
 * HTTP push: POST each message as JSON to our built-in endpoint (`push://host:port` → `/heartbeat`) or to
 * any `http(s)://host:port[/path]`. `?token=…` is sent as a bearer token, never printed.
 */
import http from 'node:http'
import https from 'node:https'
import type { Transport } from './transport'

const DEFAULT_PATH = '/heartbeat'
const REQUEST_TIMEOUT_MS = 10_000
const MAX_ERROR_BODY_CHARS = 200

export function createHttpTransport(url: URL): Transport {
  const target = new URL(url.href.replace(/^push:/, 'http:'))
  const token = target.searchParams.get('token')
  target.searchParams.delete('token')
  if (target.pathname === '' || target.pathname === '/') target.pathname = DEFAULT_PATH
  const client = target.protocol === 'https:' ? https : http
  const agent = new client.Agent({ keepAlive: true, maxSockets: 1 })
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const description = `${url.protocol}//${url.host}${target.pathname}`

  function post(body: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('error', reject)
          response.on('end', () => {
            const status = response.statusCode ?? 0
            if (status >= 200 && status < 300) return resolve()
            const text = Buffer.concat(chunks).toString('utf8').trim().slice(0, MAX_ERROR_BODY_CHARS)
            reject(new Error(`HTTP ${status} from ${description}${text ? `: ${text}` : ''}`))
          })
        },
      )
      request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))
      request.on('error', (error) =>
        reject(new Error(`POST ${description}: ${error.message}`, { cause: error })),
      )
      request.end(body)
    })
  }

  return {
    description,
    send: (_service, body) => post(body),
    async close() {
      agent.destroy()
    },
  }
}
