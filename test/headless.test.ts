/** Headless mode: the JSON API, metrics, the event WebSocket and who may use them, over real HTTP. */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { WsServerMessage } from '../src/shared/api'
import { parseServerFrame } from '../src/shared/ws-frames'
import { defaultConfig } from '../src/main/core/config'
import { startHeadless, type HeadlessApp } from '../src/main/headless'
import { uniqueName, waitFor } from './support/wait'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function headless(
  options: { sources?: string[]; host?: string; token?: string | null } = {},
): Promise<HeadlessApp> {
  const app = await startHeadless({
    config: { ...defaultConfig(), sources: options.sources ?? [] },
    host: options.host ?? '127.0.0.1',
    port: 0,
    token: options.token ?? null,
    rendererDir: 'out/renderer',
    log: () => undefined,
  })
  cleanups.push(() => app.stop())
  return app
}

async function publishingService(): Promise<{ app: HeadlessApp; service: string }> {
  const prefix = uniqueName('hbapi')
  const service = `${prefix}-svc`
  const app = await headless({ sources: [`redis://127.0.0.1:6379/0?pattern=${prefix}:*`] })
  await waitFor(() => app.engine.sourceViews()[0]?.state === 'connected')
  const publisher = new Redis('redis://127.0.0.1:6379/0')
  cleanups.push(() => publisher.disconnect())
  await publisher.publish(
    `${prefix}:x`,
    JSON.stringify({ service_name: service, instance_id: 'i-1', queue_size: 3 }),
  )
  await publisher.publish(`${prefix}:x`, 'not json')
  await waitFor(() => app.engine.services().length === 1 && app.engine.sourceViews()[0]?.rejected === 1)
  return { app, service }
}

/** A UI's WebSocket on the app, once its snapshot has come: every frame it receives, in order. */
async function eventSocket(app: HeadlessApp): Promise<{ ws: WebSocket; frames: WsServerMessage[] }> {
  const frames: WsServerMessage[] = []
  const ws = new WebSocket(`${app.url.replace('http', 'ws')}/api/events`)
  cleanups.push(() => ws.terminate())
  ws.on('message', (data) => {
    const frame = parseServerFrame(String(data))
    if (frame === null) throw new Error(`a malformed frame: ${String(data).slice(0, 200)}`)
    frames.push(frame)
  })
  await waitFor(() => frames.length >= 1)
  return { ws, frames }
}

describe('headless API', () => {
  it('serves services with every documented field', async () => {
    const { app, service } = await publishingService()
    const response = await fetch(`${app.url}/api/services`)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const [view] = (await response.json()) as Record<string, unknown>[]
    expect(view).toMatchObject({
      service,
      instance: 'i-1',
      state: 'alive',
      source: expect.stringMatching(/^redis:\/\/127\.0\.0\.1:6379\/0/),
      expectedIntervalMs: 60_000,
      staleAfterMs: 90_000,
      deadAfterMs: 180_000,
      reported: null,
      payload: { service_name: service, instance_id: 'i-1', queue_size: 3 },
    })
    expect(typeof view?.id).toBe('string')
    expect(Date.parse(view?.lastSeen as string)).toBeGreaterThan(Date.now() - 10_000)
    expect(view?.ageMs).toBeGreaterThanOrEqual(0)
  })

  it('rolls instances up by service on request', async () => {
    const { app, service } = await publishingService()
    const rollups = (await (await fetch(`${app.url}/api/services?group=service`)).json()) as Record<
      string,
      unknown
    >[]
    expect(rollups).toEqual([expect.objectContaining({ service, state: 'alive', summary: '1 of 1 alive' })])
    expect((await fetch(`${app.url}/api/services?group=host`)).status).toBe(400)
  })

  it('serves sources with counts and the last rejections, and Prometheus metrics', async () => {
    const { app } = await publishingService()
    const [source] = (await (await fetch(`${app.url}/api/sources`)).json()) as Record<string, unknown>[]
    expect(source).toMatchObject({ state: 'connected', received: 2, rejected: 1, lastError: null })
    expect((source?.lastRejections as { reason: string }[])[0]?.reason).toMatch(/^bad JSON/)

    const metrics = await (await fetch(`${app.url}/metrics`)).text()
    expect(metrics).toContain('heartbeat_tray_instances{state="alive"} 1')
    expect(metrics).toMatch(
      /heartbeat_tray_heartbeats_received_total\{source="redis:\/\/127\.0\.0\.1:6379\/0\?pattern=[^"]+"\} 2/,
    )
    expect(metrics).toMatch(/heartbeat_tray_heartbeats_rejected_total\{source="[^"]+"\} 1/)
  })

  it('sends a snapshot on connect, then batched deltas', async () => {
    const { app, service } = await publishingService()
    const { ws, frames } = await eventSocket(app)
    const first = frames[0]
    expect(first?.type).toBe('snapshot')
    expect(first?.type === 'snapshot' && first.snapshot.services.map((s) => s.service)).toEqual([service])

    const publisher = new Redis('redis://127.0.0.1:6379/0')
    cleanups.push(() => publisher.disconnect())
    const channel = `${app.engine.sourceViews()[0]?.url.split('pattern=')[1]?.replace('*', 'x')}`
    for (let i = 0; i < 50; i++) {
      await publisher.publish(channel, JSON.stringify({ service_name: service, instance_id: `i-${i % 5}` }))
    }
    await waitFor(() => app.engine.services().length === 5)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const deltas = frames.filter((frame) => frame.type === 'delta')
    // 50 heartbeats arrived in well under 250 ms: one or two deltas, never one per heartbeat.
    expect(deltas.length).toBeGreaterThanOrEqual(1)
    expect(deltas.length).toBeLessThanOrEqual(3)

    ws.send(JSON.stringify({ type: 'command', id: 7, command: { type: 'requestSnapshot' } }))
    ws.send(JSON.stringify({ type: 'command', id: 8, command: { type: 'launchMissiles' } }))
    await waitFor(() => frames.some((f) => f.type === 'result' && f.id === 8))
    expect(frames.find((f) => f.type === 'result' && f.id === 7)).toEqual({
      type: 'result',
      id: 7,
      result: { ok: true },
    })
    expect(frames.find((f) => f.type === 'result' && f.id === 8)).toEqual({
      type: 'result',
      id: 8,
      result: { ok: false, error: 'unknown command type: launchMissiles' },
    })
  })

  it('sends list rows without payloads, and one inspected instance whole as it changes', async () => {
    const { app, service } = await publishingService()
    const { ws, frames } = await eventSocket(app)
    const row = frames[0]?.type === 'snapshot' ? frames[0].snapshot.services[0] : undefined
    expect(row).toMatchObject({ service, instance: 'i-1', state: 'alive', metrics: {} })
    expect(row).not.toHaveProperty('payload')
    expect(row).not.toHaveProperty('gapsMs')

    const id = row?.id as string
    // One instance at a time: the last one asked for.
    ws.send(JSON.stringify({ type: 'command', id: 1, command: { type: 'inspect', id: 'nobody' } }))
    ws.send(JSON.stringify({ type: 'command', id: 2, command: { type: 'inspect', id } }))
    await waitFor(() => frames.some((f) => f.type === 'result' && f.id === 2))
    const views = () => frames.flatMap((f) => (f.type === 'view' ? [f.view] : []))
    expect(views()).toEqual([
      expect.objectContaining({ id, payload: { service_name: service, instance_id: 'i-1', queue_size: 3 } }),
    ])
    expect(frames.find((f) => f.type === 'result' && f.id === 1)).toMatchObject({
      result: { ok: false, error: 'no instance nobody' },
    })

    const publisher = new Redis('redis://127.0.0.1:6379/0')
    cleanups.push(() => publisher.disconnect())
    const channel = `${app.engine.sourceViews()[0]?.url.split('pattern=')[1]?.replace('*', 'x')}`
    const beat = { service_name: service, instance_id: 'i-1', cpu_usage_percent: 41.5, memory_usage_mb: 300 }
    await publisher.publish(channel, JSON.stringify(beat))
    await waitFor(() => views().length === 2)
    expect(views()[1]).toMatchObject({
      payload: beat,
      heartbeats: 2,
      metrics: { cpuPercent: 41.5, memoryMb: 300 },
    })
    const lastDelta = frames.findLast((f) => f.type === 'delta')
    expect(lastDelta?.type === 'delta' && lastDelta.delta.services[0]?.metrics).toEqual({
      cpuPercent: 41.5,
      memoryMb: 300,
    })

    ws.send(JSON.stringify({ type: 'command', id: 3, command: { type: 'inspect', id: null } }))
    await waitFor(() => frames.some((f) => f.type === 'result' && f.id === 3))
    await publisher.publish(channel, JSON.stringify(beat))
    await waitFor(() => app.engine.services()[0]?.heartbeats === 3)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(views()).toHaveLength(2)
  })

  it('refuses a request addressed to another host name (DNS rebinding) and a cross-site WebSocket', async () => {
    const app = await headless()
    const port = new URL(app.url).port
    const rebound = await rawGet(port, '/api/services', { host: `evil.example:${port}` })
    expect(rebound).toMatch(/^HTTP\/1\.1 403/)
    const crossSite = await rawGet(port, '/api/services', {
      host: `127.0.0.1:${port}`,
      origin: 'http://evil.example',
    })
    expect(crossSite).toMatch(/^HTTP\/1\.1 403/)
  })

  it('requires the token for the API when one is set', async () => {
    const app = await headless({ token: 'a-very-secret-token-123' })
    expect((await fetch(`${app.url}/api/services`)).status).toBe(401)
    expect(
      (await fetch(`${app.url}/api/services`, { headers: { authorization: 'Bearer wrong-token-of-length' } }))
        .status,
    ).toBe(401)
    expect(
      (
        await fetch(`${app.url}/api/services`, {
          headers: { authorization: 'Bearer a-very-secret-token-123' },
        })
      ).status,
    ).toBe(200)
    expect((await fetch(`${app.url}/api/services?token=a-very-secret-token-123`)).status).toBe(200)
  })

  it('stops at once with a UI still connected', async () => {
    const app = await headless()
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/api/events`)
    await new Promise((resolve) => ws.once('message', resolve))
    const started = Date.now()
    await app.stop()
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('will not listen off loopback without a token', async () => {
    await expect(headless({ host: '0.0.0.0' })).rejects.toThrow(/off loopback: set a token/)
  })
})

async function rawGet(port: string, path: string, headers: Record<string, string>): Promise<string> {
  const { connect } = await import('node:net')
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      const lines = Object.entries(headers).map(([key, value]) => `${key}: ${value}`)
      socket.write(`GET ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`)
    })
    let text = ''
    socket.on('data', (chunk) => (text += String(chunk)))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}
