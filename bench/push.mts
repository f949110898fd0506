/**
 * push: the built-in endpoint through the whole engine (`push://`: HTTP, guard, routes, decode,
 * registry, detector) taking `POST /heartbeat` with seed 001 bodies and `GET /ping/{service}` for 1,000
 * services over keep-alive HTTP, 64 requests in flight, against the baseline: a bare node:http server
 * that reads and JSON.parses the same bodies and answers 200. Each measurement runs its server in a
 * fresh process of its own; the load comes from this one, the same generator for both.
 *   npm run bench -- push [--smoke]
 */
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { DEFAULT_DETECTION } from '../src/main/core/settings'
import { Engine } from '../src/main/engine'
import { favourSmallHeap } from '../src/main/heap-policy'
import { buildSeed001Message } from '../src/publisher/seed001-message'
import { freePort } from '../test/support/redis-server'
import { driveLoad, type LoadResult } from './support/http-load.mts'

const smoke = process.argv.includes('--smoke')
const SERVICES = smoke ? 100 : 1_000
const WARMUP = smoke ? 500 : 20_000
const TOTAL = smoke ? 2_000 : 60_000
const ROUNDS = smoke ? 1 : 7
const IN_FLIGHT = 64
/**
 * 64 in flight as 8 connections with 8 requests pipelined on each: 64 connections with one each drove the
 * bare server to ~43k/s here, 1 to 16 pipelined connections alike to 55k–65k/s (within the noise).
 */
const CONNECTIONS = 8
/** `--only=push` runs one server, for profiling (`node --cpu-prof out/bench/push.mjs --only=push`). */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7)
/** Set in the child process that serves one measurement. */
const SERVER = process.argv.find((arg) => arg.startsWith('--server='))?.slice(9) as Kind | undefined

type Kind = 'push' | 'baseline'
type Question = 'count' | 'stop'

/** What the server itself counted: every request must have reached it, and none been refused. */
interface ServerCount {
  received: number
  rejected: number
  /** Instances the engine knows, told on 'stop' only (its views cost more than a count). */
  services: number
  /** The server process's CPU time so far, user and system: context beside the rates. */
  cpuMicros: number
}

interface ServerUnderTest {
  port: number
  count: (question: Question) => ServerCount
  stop: () => Promise<void>
}

async function pushEndpoint(): Promise<ServerUnderTest> {
  favourSmallHeap() // as the app's own processes run it
  const port = await freePort()
  const engine = new Engine({ detection: DEFAULT_DETECTION })
  const added = engine.addSource(`push://127.0.0.1:${port}`)
  if (!added.ok) throw new Error(added.error)
  const start = Date.now()
  while (engine.sourceViews()[0]?.state !== 'connected') {
    if (Date.now() - start > 10_000) throw new Error('push endpoint did not listen')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const count = (question: Question): ServerCount => {
    const cpuMicrosSoFar = cpuMicros()
    const view = engine.sourceViews()[0]
    return {
      received: view?.received ?? 0,
      rejected: view?.rejected ?? 0,
      services: question === 'stop' ? engine.services().length : 0,
      cpuMicros: cpuMicrosSoFar,
    }
  }
  return { port, count, stop: () => engine.stop() }
}

async function bareServer(): Promise<ServerUnderTest> {
  let received = 0
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'))
      received++
      response.end('OK\n')
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    count: () => ({ received, rejected: 0, services: 0, cpuMicros: cpuMicros() }),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function cpuMicros(): number {
  const usage = process.cpuUsage()
  return usage.user + usage.system
}

/** Even services send seed 001 heartbeats, as the Python publisher writes them; odd ones ping. */
function requestsFor(port: number): Buffer[] {
  const host = `Host: 127.0.0.1:${port}\r\n`
  const sentAtEpochMs = Date.now()
  return Array.from({ length: SERVICES }, (_, i) => {
    const service = `svc-${String(i).padStart(4, '0')}`
    if (i % 2 === 1) return Buffer.from(`GET /ping/${service} HTTP/1.1\r\n${host}\r\n`)
    const body = JSON.stringify(
      buildSeed001Message({
        serviceName: service,
        instanceId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        sentAtEpochMs,
        uptimeSeconds: 3600.5,
        heartbeatCount: 60,
        memoryUsageMb: 156.3,
        cpuUsagePercent: 12.5,
        extras: {
          queue_size: 1380,
          last_successful_operation: '2025-01-16T08:29:45.123456+00:00',
          api_status: 'authenticated',
        },
      }),
    )
    const head = `POST /heartbeat HTTP/1.1\r\n${host}Content-Type: application/json\r\n`
    return Buffer.from(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
  })
}

type Measurement = LoadResult & ServerCount & { cpuMicrosPerRequest: number }

/**
 * One measurement: a fresh server process, warmed up with the same load first (so both are measured
 * compiled), then loaded without a pause: a pause would let the engine's 1,000 services fall silent and
 * come back, and the bench would measure that instead. The server counts what reached it.
 */
async function measure(kind: Kind): Promise<Measurement> {
  const child = fork(fileURLToPath(import.meta.url), [`--server=${kind}`], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const exited = once(child, 'exit')
  const { port } = await nextMessage<{ port: number }>(child)
  const ask = (question: Question): Promise<ServerCount> => {
    child.send(question)
    return nextMessage<ServerCount>(child)
  }
  const load = { port, requests: requestsFor(port), inFlight: IN_FLIGHT, connections: CONNECTIONS }
  const warmup = await driveLoad({ ...load, total: WARMUP })
  const before = await ask('count')
  const result = await driveLoad({ ...load, total: TOTAL })
  const after = await ask('stop')
  await exited
  return {
    ...result,
    ...after,
    errors: warmup.errors + result.errors,
    received: after.received - WARMUP,
    cpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / TOTAL,
  }
}

/** The server's next answer; a server that dies first fails the bench instead of hanging it. */
function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`server exited (${code}) mid-bench`))
    child.once('exit', onExit)
    child.once('message', (message) => {
      child.off('exit', onExit)
      resolve(message as T)
    })
  })
}

if (SERVER) {
  const server = SERVER === 'push' ? await pushEndpoint() : await bareServer()
  process.send?.({ port: server.port })
  process.on('message', async (question: Question) => {
    process.send?.(server.count(question))
    if (question !== 'stop') return
    await server.stop()
    process.exit(0)
  })
} else {
  /**
   * The machine is shared and noisy: the two servers run one after the other within each round, in
   * alternating order, and the figure is the median over rounds of push / baseline within the round.
   */
  const runs = { push: [] as Measurement[], baseline: [] as Measurement[] }
  for (let round = 0; round < ROUNDS; round++) {
    const order: Kind[] = round % 2 === 0 ? ['push', 'baseline'] : ['baseline', 'push']
    for (const kind of order) if (!ONLY || kind === ONLY) runs[kind].push(await measure(kind))
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b)
    const middle = sorted.length >> 1
    if (sorted.length === 0) return 0
    return sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
  }
  const medianOf = (kind: Kind, field: 'perSecond' | 'p99Ms' | 'cpuMicrosPerRequest'): number =>
    median(runs[kind].map((run) => run[field]))
  const sumOf = (runs: Measurement[], count: (run: Measurement) => number): number =>
    runs.reduce((sum, run) => sum + count(run), 0)
  const all = [...runs.push, ...runs.baseline]
  const ratios = runs.push.flatMap((push, round) => {
    const baseline = runs.baseline[round]
    return baseline ? [push.perSecond / baseline.perSecond] : []
  })
  const result = {
    bench: 'push',
    push_per_s: Math.round(medianOf('push', 'perSecond')),
    baseline_per_s: Math.round(medianOf('baseline', 'perSecond')),
    ratio: Math.round(median(ratios) * 100) / 100,
    p99_ms: Math.round(medianOf('push', 'p99Ms') * 100) / 100,
    baseline_p99_ms: Math.round(medianOf('baseline', 'p99Ms') * 100) / 100,
    cpu_us_per_request: Math.round(medianOf('push', 'cpuMicrosPerRequest') * 10) / 10,
    baseline_cpu_us_per_request: Math.round(medianOf('baseline', 'cpuMicrosPerRequest') * 10) / 10,
    services: Math.min(...runs.push.map((run) => run.services)),
    requests_per_round: TOTAL,
    rounds: ROUNDS,
    in_flight: IN_FLIGHT,
    connections: CONNECTIONS,
    errors: sumOf(all, (run) => run.errors),
    lost: sumOf(all, (run) => TOTAL - run.received),
    rejected: sumOf(runs.push, (run) => run.rejected),
  }
  console.log(JSON.stringify(result))
  // Every request must have been answered 2xx and counted by the server that took it.
  if (result.errors + result.lost + result.rejected > 0) {
    console.error('push: requests were refused, failed or lost')
    process.exitCode = 1
  }
}
