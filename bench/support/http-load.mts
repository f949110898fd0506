/**
 * An HTTP/1.1 load generator cheap enough not to be what it measures: raw keep-alive sockets, the
 * requests pre-encoded, several pipelined on each connection (answers come back in order), and only
 * each answer's status line and length read. The same generator drives every server a bench compares.
 */
import { connect, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface LoadOptions {
  port: number
  /** Complete requests (head and body), sent round-robin. */
  requests: readonly Buffer[]
  /** How many requests to send in all. */
  total: number
  /** Requests in flight at any moment, spread evenly over the connections. */
  inFlight: number
  connections: number
}

export interface LoadResult {
  perSecond: number
  /** Answers with a 2xx status. */
  ok: number
  /** Answers of any other status, and requests lost with a connection that failed. */
  errors: number
  p99Ms: number
}

export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const latenciesMs = new Float64Array(options.total)
  let sent = 0
  let answered = 0
  let ok = 0
  let lost = 0
  const startedAt = performance.now()
  const nextRequests = (wanted: number, sentAtMs: number[]): Buffer | null => {
    const batch: Buffer[] = []
    const now = performance.now()
    for (; batch.length < wanted && sent < options.total; sent++) {
      batch.push(options.requests[sent % options.requests.length] as Buffer)
      sentAtMs.push(now)
    }
    return batch.length === 0 ? null : Buffer.concat(batch)
  }
  await new Promise<void>((resolve) => {
    const depth = Math.max(1, Math.round(options.inFlight / options.connections))
    const sockets: Socket[] = []
    let open = options.connections
    const finishIfDone = (): void => {
      // With every connection gone, what was never answered is lost too.
      if (open === 0) lost = options.total - answered
      if (answered + lost < options.total) return
      for (const socket of sockets) socket.destroy()
      resolve()
    }
    for (let index = 0; index < options.connections; index++) {
      const sentAtMs: number[] = []
      const reader = new ResponseReader()
      const socket = connect({ port: options.port, host: '127.0.0.1', noDelay: true })
      sockets.push(socket)
      socket.on('connect', () => {
        const batch = nextRequests(depth, sentAtMs)
        if (batch) socket.write(batch)
      })
      socket.on('data', (chunk: Buffer) => {
        const statuses = reader.read(chunk)
        if (statuses.length === 0) return
        const now = performance.now()
        for (const status of statuses) {
          latenciesMs[answered++] = now - (sentAtMs.shift() as number)
          if (status >= 200 && status < 300) ok++
        }
        const batch = nextRequests(statuses.length, sentAtMs)
        if (batch) socket.write(batch)
        finishIfDone()
      })
      socket.on('close', () => {
        open--
        lost += sentAtMs.splice(0).length
        finishIfDone()
      })
      socket.on('error', () => {})
    }
  })
  const seconds = (performance.now() - startedAt) / 1000
  return {
    perSecond: Math.round(answered / seconds),
    ok,
    errors: answered - ok + lost,
    p99Ms: percentile(latenciesMs.subarray(0, answered), 0.99),
  }
}

function percentile(values: Float64Array, fraction: number): number {
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  const at = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return Math.round((sorted[at] as number) * 100) / 100
}

/** Splits a keep-alive stream into answers: `Content-Length` or chunked bodies, as node:http sends them. */
class ResponseReader {
  private buffered = ''

  /** The statuses of the answers this chunk completed, in order. */
  read(chunk: Buffer): number[] {
    this.buffered += chunk.toString('latin1')
    const statuses: number[] = []
    for (;;) {
      const headEnd = this.buffered.indexOf('\r\n\r\n')
      if (headEnd === -1) break
      const end = this.answerEnd(headEnd)
      if (end === null) break
      statuses.push(Number(this.buffered.slice(9, 12)))
      this.buffered = this.buffered.slice(end)
    }
    return statuses
  }

  /** Where the answer whose head ends at `headEnd` ends, or null while it is incomplete. */
  private answerEnd(headEnd: number): number | null {
    const head = this.buffered.slice(0, headEnd).toLowerCase()
    const bodyStart = headEnd + 4
    const length = /\r\ncontent-length: *(\d+)/.exec(head)
    if (length) {
      const end = bodyStart + Number(length[1])
      return end <= this.buffered.length ? end : null
    }
    if (!/\r\ntransfer-encoding: *chunked/.test(head)) return bodyStart
    let at = bodyStart
    for (;;) {
      const lineEnd = this.buffered.indexOf('\r\n', at)
      if (lineEnd === -1) return null
      const size = parseInt(this.buffered.slice(at, lineEnd), 16)
      // The last chunk is followed by trailers (node sends none) and a blank line.
      if (size === 0) {
        const end = this.buffered.indexOf('\r\n\r\n', lineEnd)
        return end === -1 ? null : end + 4
      }
      at = lineEnd + 2 + size + 2
      if (at > this.buffered.length) return null
    }
  }
}
