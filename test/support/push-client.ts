/** Clients of the push endpoint for tests: raw HTTP (exact paths and headers), and a seed 000 worker. */
import { request } from 'node:http'
import { WebSocket } from 'ws'
import { pythonNow } from './seed000-manager'

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
}

/** One request sent exactly as given: no path normalisation, as a hostile or odd client would. */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method, path, headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}

/** Opens `/ws/{workerId}` and resolves once the server accepted it. */
export function openWorkerSocket(port: number, workerId: string, query = ''): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/${encodeURIComponent(workerId)}${query}`)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`WebSocket refused: ${response.statusCode}`)),
    )
  })
}

/** The heartbeat frame of seed 000's worker (worker.py), as `json.dumps` writes it. */
export function seed000Frame(workerId: string, workerName: string): string {
  return pythonJson({
    timestamp: pythonNow(),
    worker_id: workerId,
    worker_name: workerName,
    status: 'alive',
    metrics: { cpu: Math.floor(Math.random() * 101), memory: 100 + Math.floor(Math.random() * 401) },
  })
}

/**
 * `json.dumps` with its defaults, nested values included: ", " and ": " separators, non-ASCII escaped.
 * (seed000-manager's `pythonJsonDumps` does flat records only.)
 */
export function pythonJson(value: unknown): string {
  const spaced = JSON.stringify(value).replace(
    /("(?:[^"\\]|\\.)*")|([,:])/g,
    (_match, text: string | undefined, separator: string) => text ?? `${separator} `,
  )
  return spaced.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
