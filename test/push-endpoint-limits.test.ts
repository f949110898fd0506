/**
 * The push endpoint's transport on its own, with small limits: a full worker registry, a client too
 * slow to finish its headers, a port already taken. The listener records what the engine would get.
 */
import { randomUUID } from 'node:crypto'
import { createServer, connect, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { pushMessageDecoder } from '../src/main/core/decode/push-message'
import { parseSourceUrl } from '../src/main/core/source-url'
import type { PushSpec } from '../src/main/core/urls/push-url'
import type { PushLimits } from '../src/main/sources/push-endpoint/guard'
import { PushEndpointSource } from '../src/main/sources/push-endpoint/push-endpoint-source'
import type { SourceDetails, SourceListener } from '../src/main/sources/source'
import { openWorkerSocket } from './support/push-client'
import { freePort } from './support/redis-server'
import { waitFor } from './support/wait'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Recorded {
  messages: { raw: string; channel: string | null }[]
  removed: string[]
  health: { state: string; error: string | null }[]
  details: SourceDetails
}

function recordingListener(): { listener: SourceListener; recorded: Recorded } {
  const recorded: Recorded = { messages: [], removed: [], health: [], details: {} }
  const listener: SourceListener = {
    message: (raw, channel) => recorded.messages.push({ raw, channel }),
    removed: (key) => recorded.removed.push(key),
    health: (state, error) => recorded.health.push({ state, error }),
    details: (details) => (recorded.details = details),
  }
  return { listener, recorded }
}

function pushSpec(port: number): PushSpec {
  const parsed = parseSourceUrl(`push://127.0.0.1:${port}`)
  if (!parsed.ok || parsed.spec.kind !== 'push') throw new Error('not a push URL')
  return parsed.spec
}

async function startEndpoint(
  limits: Partial<PushLimits>,
  port?: number,
  wrap: (listener: SourceListener) => SourceListener = (listener) => listener,
) {
  const spec = pushSpec(port ?? (await freePort()))
  const source = new PushEndpointSource(spec, pushMessageDecoder(spec.workerIntervalMs), limits)
  const { listener, recorded } = recordingListener()
  source.start(wrap(listener))
  cleanups.push(() => source.stop())
  return { source, recorded, port: spec.port, base: `http://127.0.0.1:${spec.port}` }
}

const lastHealth = (recorded: Recorded) => recorded.health.at(-1)?.state

async function register(base: string, workerId: string): Promise<Response> {
  return fetch(`${base}/register`, {
    method: 'POST',
    body: JSON.stringify({ worker_id: workerId, worker_name: 'w', host: 'h', port: 1 }),
  })
}

describe('push endpoint limits', () => {
  it('refuses a registration with 429 when full of connected workers, making room from disconnected ones', async () => {
    const { recorded, port, base } = await startEndpoint({ maxWorkers: 2 })
    await waitFor(() => lastHealth(recorded) === 'connected')
    const [first, second] = [randomUUID(), randomUUID()]
    expect((await register(base, first)).status).toBe(200)
    expect((await register(base, second)).status).toBe(200)
    const refused = await register(base, randomUUID())
    expect(refused.status).toBe(429)
    await waitFor(() => recorded.details.registryFull === 1)
    expect(recorded.messages.filter((m) => m.channel === 'register')).toHaveLength(2)

    const ws = await openWorkerSocket(port, first)
    ws.close(1000)
    await waitFor(() => recorded.removed.includes(first))
    expect((await register(base, randomUUID())).status).toBe(200)
    const workers = (await (await fetch(`${base}/workers`)).json()) as Record<string, unknown>
    expect(Object.keys(workers)).toHaveLength(2)
    expect(workers).not.toHaveProperty(first)
  })

  it('drops a client that does not finish its headers in time, and serves others meanwhile', async () => {
    const { recorded, port, base } = await startEndpoint({ headersTimeoutMs: 300, requestTimeoutMs: 300 })
    await waitFor(() => lastHealth(recorded) === 'connected')
    const slow = connect(port, '127.0.0.1')
    cleanups.push(() => void slow.destroy())
    const closed = new Promise<number>((resolve) => slow.on('close', () => resolve(performance.now())))
    let answer = ''
    slow.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    const startedAt = performance.now()
    const dribble = setInterval(() => !slow.destroyed && slow.write('X'), 20)
    cleanups.push(() => clearInterval(dribble))
    slow.write('GET /workers HTTP/1.1\r\nX-Slow: ')
    expect((await fetch(`${base}/workers`)).status).toBe(200)
    const closedAt = await closed
    expect(closedAt - startedAt).toBeLessThan(2_000)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })

  it('reports disconnected while its port is taken, and binds when it frees', async () => {
    const port = await freePort()
    const squatter: Server = createServer()
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve))
    const { recorded, base } = await startEndpoint({}, port)
    await waitFor(() => lastHealth(recorded) === 'disconnected')
    expect(recorded.health[0]?.state).toBe('connecting')
    expect(recorded.health.at(-1)?.error).toMatch(/^cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/)
    await new Promise<void>((resolve) => squatter.close(() => resolve()))
    await waitFor(() => lastHealth(recorded) === 'connected', 5_000)
    expect((await fetch(`${base}/workers`)).status).toBe(200)
  })

  it('releases its port and its sockets on stop', async () => {
    const { source, recorded, port } = await startEndpoint({})
    await waitFor(() => lastHealth(recorded) === 'connected')
    const ws = await openWorkerSocket(port, 'w1')
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await source.stop()
    expect(await closed).toBe(1006)
    expect(recorded.removed).toEqual([])
    const again = createServer()
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject)
      again.listen(port, '127.0.0.1', resolve)
    })
    await new Promise<void>((resolve) => again.close(() => resolve()))
  })

  it('counts a WebSocket frame over 64 KiB, which `ws` refuses by closing the socket', async () => {
    const { recorded, port } = await startEndpoint({})
    await waitFor(() => lastHealth(recorded) === 'connected')
    const ws = await openWorkerSocket(port, 'big')
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    ws.send('x'.repeat(65 * 1024))
    expect(await closed).toBe(1009)
    await waitFor(() => recorded.details.oversizeFrames === 1)
    expect(recorded.messages).toEqual([])
    expect(recorded.removed).toEqual([])
  })

  it('answers 500 when the engine throws on a message, whatever the route, and goes on serving', async () => {
    let throwing = true
    const { recorded, base } = await startEndpoint({}, undefined, (listener) => ({
      ...listener,
      message: (raw, channel, origin) => {
        if (throwing) throw new Error('engine fault')
        listener.message(raw, channel, origin)
      },
    }))
    await waitFor(() => lastHealth(recorded) === 'connected')
    const heartbeat = () =>
      fetch(`${base}/heartbeat`, { method: 'POST', body: JSON.stringify({ service_name: 'svc' }) })
    for (const response of [await heartbeat(), await fetch(`${base}/ping/svc`)]) {
      expect(response.status).toBe(500)
      expect(await response.text()).toBe('internal error: engine fault\n')
    }
    const withBody = await fetch(`${base}/ping/svc/fail`, { method: 'POST', body: 'log tail' })
    expect(withBody.status).toBe(500)
    throwing = false
    expect((await heartbeat()).status).toBe(200)
    expect((await fetch(`${base}/ping/svc`)).status).toBe(200)
    expect(recorded.messages.map((message) => message.channel)).toEqual(['heartbeat', 'ping'])
  })
})
