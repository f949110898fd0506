/**
 * The built-in push endpoint through the whole engine, with real HTTP (fetch, node:http) and real
 * WebSocket (`ws`) clients: seed 000's manager protocol, seed 001 bodies, pings, and what it refuses.
 */
import { randomUUID } from 'node:crypto'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { createTransport } from '../src/publisher/transport'
import { watch, type Harness } from './support/engine-harness'
import { openWorkerSocket, pythonJson, rawRequest, seed000Frame } from './support/push-client'
import { freePort } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'

const TOKEN = 'a-token-of-24-characters'
const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Endpoint {
  harness: Harness
  port: number
  base: string
}

async function endpoint(query = ''): Promise<Endpoint> {
  const port = await freePort()
  const harness = watch(`push://127.0.0.1:${port}${query}`)
  cleanups.push(() => harness.stop())
  await harness.waitForSource('connected')
  return { harness, port, base: `http://127.0.0.1:${port}` }
}

function socket(ws: WebSocket): WebSocket {
  cleanups.push(() => ws.terminate())
  return ws
}

async function registerWorker(base: string, workerName: string, workerId = randomUUID()): Promise<string> {
  const response = await fetch(`${base}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      worker_id: workerId,
      worker_name: workerName,
      host: '10.1.2.3',
      port: 8001,
      status: 'registering',
    }),
  })
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({ status: 'success', worker_id: workerId })
  return workerId
}

function sourceOf(harness: Harness) {
  const view = harness.engine.sourceViews()[0]
  if (!view) throw new Error('no source')
  return view
}

function instanceOf(harness: Harness, service: string, instance = service) {
  return harness.engine.services().find((view) => view.service === service && view.instance === instance)
}

describe('push endpoint: seed 000 workers', () => {
  it('makes a registered worker alive on its WebSocket frames and lists it in seed 000’s shape', async () => {
    const { harness, port, base } = await endpoint()
    const name = uniqueName('worker')
    const workerId = await registerWorker(base, name)
    await harness.waitForState(name, 'alive', 5_000, workerId)
    expect((await (await fetch(`${base}/workers`)).json())[workerId].status).toBe('registering')

    const ws = socket(await openWorkerSocket(port, workerId))
    await waitFor(
      async () => (await (await fetch(`${base}/workers`)).json())[workerId].status === 'connected',
    )
    ws.send(seed000Frame(workerId, name))
    await waitFor(() => (instanceOf(harness, name, workerId)?.heartbeats ?? 0) >= 2)

    const view = instanceOf(harness, name, workerId)
    expect(view).toMatchObject({
      state: 'alive',
      host: '10.1.2.3:8001',
      reported: 'alive',
      expectedIntervalMs: 5_000,
      intervalOrigin: 'declared',
    })
    expect(view?.payload.metrics).toEqual(expect.objectContaining({ cpu: expect.any(Number) }))
    const workers = await (await fetch(`${base}/workers`)).json()
    expect(workers).toEqual({
      [workerId]: {
        worker_id: workerId,
        worker_name: name,
        host: '10.1.2.3',
        port: 8001,
        status: 'alive',
        last_heartbeat: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$/),
      },
    })
    await waitFor(() => sourceOf(harness).details.websockets === 1)
    expect(sourceOf(harness).details).toMatchObject({
      workers: 1,
      websockets: 1,
      listening: `127.0.0.1:${port}`,
    })
  })

  it('lets a worker whose frames stop, socket still open, go stale then dead', async () => {
    const { harness, port, base } = await endpoint('?interval=200ms')
    const name = uniqueName('hung')
    const workerId = await registerWorker(base, name)
    const ws = socket(await openWorkerSocket(port, workerId))
    ws.send(seed000Frame(workerId, name))
    await harness.waitForState(name, 'alive', 5_000, workerId)
    await harness.waitForState(name, 'dead', 5_000, workerId)
    expect(harness.transitions.map((t) => t.to)).toEqual(['alive', 'stale', 'dead'])
    expect(ws.readyState).toBe(ws.OPEN)
    expect(instanceOf(harness, name, workerId)).toMatchObject({ staleAfterMs: 300, deadAfterMs: 600 })
  })

  it('takes a WebSocket closed with code 1000 as the worker’s goodbye: stopped', async () => {
    const { harness, port, base } = await endpoint('?interval=200ms')
    const name = uniqueName('leaving')
    const workerId = await registerWorker(base, name)
    const ws = socket(await openWorkerSocket(port, workerId))
    ws.send(seed000Frame(workerId, name))
    await waitFor(() => (instanceOf(harness, name, workerId)?.heartbeats ?? 0) >= 2)
    ws.close(1000)
    await harness.waitForState(name, 'stopped', 5_000, workerId)
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(harness.stateOf(name, workerId)).toBe('stopped')
    expect((await (await fetch(`${base}/workers`)).json())[workerId].status).toBe('disconnected')
  })

  it('takes a socket destroyed without a close frame as no goodbye: stale then dead, never stopped', async () => {
    const { harness, port, base } = await endpoint('?interval=200ms')
    const name = uniqueName('killed')
    const workerId = await registerWorker(base, name)
    const ws = socket(await openWorkerSocket(port, workerId))
    ws.send(seed000Frame(workerId, name))
    await waitFor(() => (instanceOf(harness, name, workerId)?.heartbeats ?? 0) >= 2)
    ws.terminate()
    await harness.waitForState(name, 'dead', 5_000, workerId)
    expect(harness.transitions.map((t) => t.to)).toEqual(['alive', 'stale', 'dead'])
    expect((await (await fetch(`${base}/workers`)).json())[workerId].status).toBe('disconnected')
  })

  it('takes a close with another code (1001, going away) as no goodbye either', async () => {
    const { harness, port, base } = await endpoint('?interval=200ms')
    const name = uniqueName('away')
    const workerId = await registerWorker(base, name)
    const ws = socket(await openWorkerSocket(port, workerId))
    ws.close(1001)
    await harness.waitForState(name, 'dead', 5_000, workerId)
    expect(harness.transitions.some((t) => t.to === 'stopped')).toBe(false)
  })

  it('gives a worker that registers without an id a new one, and refuses a malformed registration', async () => {
    const { harness, base } = await endpoint()
    const name = uniqueName('anonymous')
    const response = await fetch(`${base}/register`, {
      method: 'POST',
      body: JSON.stringify({ worker_name: name, host: 'h', port: 1 }),
    })
    expect(response.status).toBe(200)
    const answer = (await response.json()) as { worker_id: string }
    expect(answer.worker_id).toMatch(/^[0-9a-f-]{36}$/)
    await harness.waitForState(name, 'alive', 5_000, answer.worker_id)
    expect(instanceOf(harness, name, answer.worker_id)?.reported).toBe('registered')

    const refused = await fetch(`${base}/register`, { method: 'POST', body: '{"worker_id": 12}' })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({ status: 'error', error: 'worker_id must be a string, got number' })
    expect(sourceOf(harness)).toMatchObject({ received: 2, rejected: 1 })
  })

  it('answers the way seed 000’s unmodified worker expects, which then beats at once and every interval', async () => {
    const { harness, port } = await endpoint()
    const workerId = randomUUID()
    const workerName = `FastAPI ${uniqueName('Worker')}`
    const registration = pythonJson({
      worker_id: workerId,
      worker_name: workerName,
      host: '172.18.0.4',
      port: 8001,
      status: 'registering',
    })
    // httpx's AsyncClient.post(url, json=worker_data), byte for byte in what matters.
    const answer = await rawRequest(port, 'POST', '/register', {
      headers: {
        host: `localhost:${port}`,
        accept: '*/*',
        'accept-encoding': 'gzip, deflate',
        connection: 'keep-alive',
        'user-agent': 'python-httpx/0.27.0',
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(registration)),
      },
      body: registration,
    })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toEqual({ status: 'success', worker_id: workerId })

    const registeredAt = performance.now()
    const ws = socket(await openWorkerSocket(port, workerId))
    expect(performance.now() - registeredAt).toBeLessThan(1_000)
    ws.send(seed000Frame(workerId, workerName))
    const beats = setInterval(() => ws.send(seed000Frame(workerId, workerName)), 100)
    cleanups.push(() => clearInterval(beats))
    await waitFor(() => (instanceOf(harness, workerName, workerId)?.heartbeats ?? 0) >= 6)
    expect(instanceOf(harness, workerName, workerId)).toMatchObject({
      state: 'alive',
      host: '172.18.0.4:8001',
      reported: 'alive',
      expectedIntervalMs: 5_000,
    })
    expect(sourceOf(harness).rejected).toBe(0)
    expect(instanceOf(harness, workerName, workerId)?.skewMs).toEqual(expect.any(Number))
    expect(Math.abs(instanceOf(harness, workerName, workerId)?.skewMs ?? Infinity)).toBeLessThan(1_000)
  })
})

describe('push endpoint: seed 001 bodies and pings', () => {
  it('makes a service alive on POST /heartbeat with a seed 001 body', async () => {
    const { harness, base } = await endpoint()
    const service = uniqueName('geo')
    const response = await fetch(`${base}/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service_name: service, instance_id: 'i-1', uptime_seconds: 3, queue_size: 7 }),
    })
    expect(response.status).toBe(200)
    await harness.waitForState(service, 'alive', 5_000, 'i-1')
    expect(instanceOf(harness, service, 'i-1')?.payload.queue_size).toBe(7)
  })

  it('receives our own publisher over HTTP, whose stop message is a goodbye', async () => {
    const { harness, port } = await endpoint(`?token=${TOKEN}`)
    const transport = createTransport(`push://127.0.0.1:${port}?token=${TOKEN}`)
    cleanups.push(() => transport.close())
    const service = uniqueName('published')
    await transport.send(service, JSON.stringify({ service_name: service, instance_id: 'p1' }))
    await harness.waitForState(service, 'alive', 5_000, 'p1')
    await transport.send(
      service,
      JSON.stringify({ service_name: service, instance_id: 'p1', status: 'stopped' }),
    )
    await harness.waitForState(service, 'stopped', 5_000, 'p1')
  })

  it('takes pings: success and start are alive, fail reports failed, a run’s duration is shown', async () => {
    const { harness, base } = await endpoint()
    const service = uniqueName('backup')
    const ping = await fetch(`${base}/ping/${service}`)
    expect([ping.status, await ping.text()]).toEqual([200, 'OK\n'])
    await harness.waitForState(service, 'alive')
    expect(instanceOf(harness, service)?.reported).toBe('ok')

    expect((await fetch(`${base}/ping/${service}/start`, { method: 'POST' })).status).toBe(200)
    await waitFor(() => instanceOf(harness, service)?.reported === 'started')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect((await fetch(`${base}/ping/${service}`, { method: 'POST', body: 'copied 12 files' })).status).toBe(
      200,
    )
    await waitFor(() => instanceOf(harness, service)?.reported === 'ok')
    const payload = instanceOf(harness, service)?.payload
    expect(payload?.lastRunDurationMs).toBeGreaterThanOrEqual(140)
    expect(payload?.body).toBe('copied 12 files')

    expect((await fetch(`${base}/ping/${service}/fail`)).status).toBe(200)
    await waitFor(() => instanceOf(harness, service)?.reported === 'failed')
    expect(instanceOf(harness, service)?.payload).toEqual({ ping: 'fail' })
    expect(harness.stateOf(service)).toBe('alive')
  })

  it('refuses a ping whose service name is a path or not a plain name, and counts it', async () => {
    const { harness, port } = await endpoint()
    for (const path of [
      '/ping/..',
      '/ping/../start',
      '/ping/a%2Fb',
      '/ping/%2E%2E',
      '/ping/caf%C3%A9',
      '/ping/a%ZZ',
    ]) {
      const answer = await rawRequest(port, 'GET', path)
      expect(answer.status, path).toBe(400)
      expect(answer.text, path).toMatch(/^ping service name/)
    }
    expect(sourceOf(harness)).toMatchObject({ received: 6, rejected: 6 })
    expect(harness.engine.services()).toHaveLength(0)
  })
})

describe('push endpoint: what it refuses', () => {
  it('answers 413 to a body over 64 KiB without reading it all, and counts it', async () => {
    const { harness, base } = await endpoint()
    const body = JSON.stringify({ service_name: 'big', pad: 'x'.repeat(70 * 1024) })
    const response = await fetch(`${base}/heartbeat`, { method: 'POST', body })
    expect(response.status).toBe(413)
    await waitFor(() => sourceOf(harness).rejected === 1)
    expect(sourceOf(harness).lastRejections[0]?.reason).toBe('message over 64 KiB')
    // The endpoint still serves.
    expect((await fetch(`${base}/ping/${uniqueName('after')}`)).status).toBe(200)
  })

  it('answers 400 with the decoder’s reason to bad JSON, and the source stats show the rejection', async () => {
    const { harness, base } = await endpoint()
    const response = await fetch(`${base}/heartbeat`, { method: 'POST', body: '{"service_name": ' })
    expect(response.status).toBe(400)
    const reason = (await response.text()).trim()
    expect(reason).toMatch(/^bad JSON/)
    const source = sourceOf(harness)
    expect(source).toMatchObject({ received: 1, rejected: 1 })
    expect(source.lastRejections[0]).toMatchObject({ reason, sample: '{"service_name": ' })

    const missing = await fetch(`${base}/heartbeat`, { method: 'POST', body: '{"instance_id": "x"}' })
    expect([missing.status, (await missing.text()).trim()]).toEqual([400, 'missing service_name'])
  })

  it('needs the token when one is configured: 401 without, 200 with it as a bearer or in the query', async () => {
    const { harness, port, base } = await endpoint(`?token=${TOKEN}`)
    expect(harness.engine.sourceViews()[0]?.url).toBe(`push://127.0.0.1:${port}?token=***`)
    const service = uniqueName('guarded')
    const refused = await fetch(`${base}/ping/${service}`)
    expect(refused.status).toBe(401)
    expect(refused.headers.get('www-authenticate')).toBe('Bearer')
    expect(
      (
        await fetch(`${base}/ping/${service}`, {
          headers: { authorization: 'Bearer wrong-token-of-24-chars!' },
        })
      ).status,
    ).toBe(401)
    expect(
      (await fetch(`${base}/ping/${service}`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200)
    expect((await fetch(`${base}/ping/${service}?token=${TOKEN}`)).status).toBe(200)
    await expect(openWorkerSocket(port, 'w')).rejects.toThrow(/401/)
    socket(await openWorkerSocket(port, 'w', `?token=${TOKEN}`))
    await waitFor(() => sourceOf(harness).details.unauthorized === 3)
    expect(instanceOf(harness, service)?.heartbeats).toBe(2)
  })

  it('refuses an address off loopback without a token', () => {
    expect(() => watch('push://0.0.0.0:7475')).toThrow(/reachable from the network: add \?token=/)
    expect(() => watch('push://127.0.0.1:7475?token=short')).toThrow('token must be at least 16 characters')
  })

  it('refuses requests from a browser page (an Origin header) when no token is set', async () => {
    const { port } = await endpoint()
    const answer = await rawRequest(port, 'POST', '/ping/x', { headers: { origin: 'https://evil.example' } })
    expect(answer.status).toBe(403)
    const rebound = await rawRequest(port, 'GET', '/ping/x', { headers: { host: 'evil.example:7475' } })
    expect(rebound.status).toBe(403)
  })

  it('answers 404 to unknown paths and 405 to wrong methods', async () => {
    const { harness, base } = await endpoint()
    expect((await fetch(`${base}/nothing`)).status).toBe(404)
    expect((await fetch(`${base}/ping/x/finish`)).status).toBe(404)
    expect((await fetch(`${base}/ping/`)).status).toBe(404)
    const wrong = await fetch(`${base}/heartbeat`)
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
    expect((await fetch(`${base}/register`, { method: 'PUT', body: '{}' })).status).toBe(405)
    expect((await fetch(`${base}/workers`, { method: 'POST', body: '{}' })).status).toBe(405)
    expect((await fetch(`${base}/ping/x`, { method: 'DELETE' })).status).toBe(405)
    expect((await fetch(`${base}/ws/w1`)).status).toBe(426)
    expect(sourceOf(harness).received).toBe(0)
  })

  it('serves others at once while a slow client sends its headers byte by byte', async () => {
    const { port, base } = await endpoint()
    const slow = connect(port, '127.0.0.1')
    cleanups.push(() => void slow.destroy())
    const request = `GET /ping/slow HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Padding: ${'y'.repeat(200)}\r\n`
    let sent = 0
    const dribble = setInterval(() => {
      if (sent < request.length && !slow.destroyed) slow.write(request[sent++] as string)
    }, 10)
    cleanups.push(() => clearInterval(dribble))
    await new Promise((resolve) => setTimeout(resolve, 200))
    for (let i = 0; i < 5; i++) {
      const startedAt = performance.now()
      expect((await fetch(`${base}/ping/${uniqueName('fast')}`)).status).toBe(200)
      expect(performance.now() - startedAt).toBeLessThan(500)
    }
    expect(sent).toBeGreaterThan(10)
    expect(sent).toBeLessThan(request.length)
  })
})
