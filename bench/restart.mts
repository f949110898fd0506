/**
 * restart: with 10,000 services persisted, the time from starting the headless app until every one is
 * watched again: the UI page and its assets served, the source connected (which arms each restored
 * instance's deadline), and /api/services listing all 10,000 with their last-seen times. The state is
 * written by the app itself: it takes a seed 001 heartbeat from each service on its push endpoint and
 * saves on SIGTERM, as `--data DIR` always does. Against the baseline: the simplest program doing the
 * same job, which reads state.json, arms a timer per instance and serves the page and the list. Each
 * start is a fresh process; the figure is the median over rounds.
 *   npm run bench -- restart [--smoke]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, request, Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parsePersistedState, type PersistedInstance } from '../src/main/core/persisted-state'
import { DEFAULT_MULTIPLIERS } from '../src/main/core/interval'
import { buildSeed001Message } from '../src/publisher/seed001-message'
import { freePort } from '../test/support/redis-server'
import { percentile } from './support/percentile.mts'
import { waitUntilWatched } from './support/watched-again.mts'

const smoke = process.argv.includes('--smoke')
const SERVICES = smoke ? 200 : 10_000
const ROUNDS = smoke ? 1 : 5
/** Benches run bundled from out/bench/ (bench/run.mjs). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RENDERER_DIR = join(ROOT, 'out', 'renderer')
const START_TIMEOUT_MS = 60_000
/** Every tenth service declares 1 s: restored in grace, it must turn stale 1.5 s after the restart. */
const intervalSecondsOf = (index: number): number =>
  index % 10 === 0 ? 1 : ([10, 30, 60][index % 3] as number)
/** Set in the child process that serves as the baseline. */
const BASELINE = process.argv.find((arg) => arg.startsWith('--baseline='))?.slice(11)

interface Ports {
  push: number
  http: number
}

/**
 * The baseline: state.json read and parsed, one timer per instance for its stale deadline (one stale
 * interval from now, as the app's grace gives) and then its dead one, the UI and the list served.
 */
function serveBaseline(dataDir: string, port: number): void {
  const saved = JSON.parse(readFileSync(join(dataDir, 'state.json'), 'utf8')) as {
    instances: PersistedInstance[]
  }
  const views = saved.instances.map((instance) => {
    const view = {
      service: instance.service,
      instance: instance.instance,
      state: 'unknown',
      lastSeen: instance.lastSeenWallMs === null ? null : new Date(instance.lastSeenWallMs).toISOString(),
    }
    const intervalMs = instance.declaredIntervalMs ?? 60_000
    const { staleFactor, deadFactor } = DEFAULT_MULTIPLIERS
    setTimeout(() => {
      view.state = 'stale'
      setTimeout(() => (view.state = 'dead'), (deadFactor - staleFactor) * intervalMs)
    }, staleFactor * intervalMs)
    return view
  })
  createServer((incoming, response) => {
    const path = incoming.url ?? '/'
    if (path === '/api/services') {
      response.writeHead(200, { 'content-type': 'application/json' })
      return response.end(JSON.stringify(views))
    }
    const asset = /^\/assets\/[\w.-]+$/.test(path)
    const file = asset ? join(RENDERER_DIR, path) : join(RENDERER_DIR, 'index.html')
    const type =
      !asset || path.endsWith('.html') ? 'text/html' : path.endsWith('.css') ? 'text/css' : 'text/javascript'
    try {
      const body = readFileSync(file)
      response.writeHead(200, { 'content-type': type })
      response.end(body)
    } catch {
      response.writeHead(404)
      response.end()
    }
  }).listen(port, '127.0.0.1')
}

function startApp(dataDir: string, ports: Ports): ChildProcess {
  return spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'heartbeat-tray.js'),
      '--headless',
      '--no-demo',
      '--data',
      dataDir,
      '--source',
      `push://127.0.0.1:${ports.push}`,
      '--http',
      `127.0.0.1:${ports.http}`,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  )
}

function startBaseline(dataDir: string, port: number): ChildProcess {
  const args = [fileURLToPath(import.meta.url), `--baseline=${dataDir}`, `--port=${port}`]
  return spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' })
}

/** SIGTERM, as a service manager stops it: the app saves its state on the way out. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}

/** Starts a process and times it until it is watching `services` again. */
async function timeStart(
  start: () => ChildProcess,
  check: { port: number; services: number; sources: boolean },
): Promise<{ ms: number; child: ChildProcess }> {
  const startedAt = performance.now()
  const child = start()
  try {
    const readyAt = await waitUntilWatched(check, START_TIMEOUT_MS)
    return { ms: readyAt - startedAt, child }
  } catch (error) {
    await stop(child)
    throw error
  }
}

/** The app writes the state: one heartbeat from each service on its push endpoint, then SIGTERM. */
async function seedState(dataDir: string, ports: Ports): Promise<void> {
  const { child } = await timeStart(() => startApp(dataDir, ports), {
    port: ports.http,
    services: 0,
    sources: true,
  })
  await postHeartbeats(ports.push)
  await waitUntilWatched({ port: ports.http, services: SERVICES, sources: true }, START_TIMEOUT_MS)
  await stop(child)
  const saved = parsePersistedState(readFileSync(join(dataDir, 'state.json'), 'utf8'))
  const count = saved.ok ? saved.value.instances.length : 0
  if (count !== SERVICES) throw new Error(`the app saved ${count} instances, not ${SERVICES}`)
}

async function postHeartbeats(port: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  let next = 0
  const postOne = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(
        buildSeed001Message({
          serviceName: `svc-${index}`,
          instanceId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
          sentAtEpochMs: Date.now(),
          uptimeSeconds: 3_600,
          heartbeatCount: 1,
          memoryUsageMb: 156.3,
          cpuUsagePercent: 12.5,
          intervalSeconds: intervalSecondsOf(index),
        }),
      )
      const outgoing = request(
        { host: '127.0.0.1', port, path: '/heartbeat', method: 'POST', agent },
        (response) => {
          response.resume()
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`POST /heartbeat: ${response.statusCode}`)),
          )
        },
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  const sender = async (): Promise<void> => {
    while (next < SERVICES) await postOne(next++)
  }
  await Promise.all(Array.from({ length: 8 }, sender))
  agent.destroy()
}

/** Restored in grace, the 1 s services turn stale 1.5 s after the restart: their deadlines were armed. */
async function staleOnTime(port: number): Promise<number> {
  const expected = Array.from({ length: SERVICES }, (_, i) => i).filter(
    (i) => intervalSecondsOf(i) === 1,
  ).length
  const giveUpAt = performance.now() + DEFAULT_MULTIPLIERS.staleFactor * 1_000 + 2_000
  for (;;) {
    const views = (await (await fetch(`http://127.0.0.1:${port}/api/services`)).json()) as {
      state: string
      expectedIntervalMs: number
    }[]
    const stale = views.filter((view) => view.expectedIntervalMs === 1_000 && view.state === 'stale').length
    if (stale === expected) return stale
    if (performance.now() > giveUpAt)
      throw new Error(`only ${stale} of ${expected} restored 1 s services went stale`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** It measures the app as built: none, and it cannot run; older than src/, and it says so. */
function checkBuilt(): void {
  const cli = join(ROOT, 'out', 'main', 'cli.js')
  if (!existsSync(cli) || !existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('the app is not built: run `npm run build` first')
  const src = join(ROOT, 'src')
  const newestMs = Math.max(
    ...readdirSync(src, { recursive: true, encoding: 'utf8' }).map(
      (file) => statSync(join(src, file)).mtimeMs,
    ),
  )
  if (statSync(cli).mtimeMs < newestMs)
    console.error('restart: out/ is older than src/; these figures are for the last `npm run build`')
}

async function main(): Promise<void> {
  checkBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-restart-'))
  const emptyDir = mkdtempSync(join(tmpdir(), 'bench-restart-empty-'))
  const ports: Ports = { push: await freePort(), http: await freePort() }
  const times = { restart: [] as number[], baseline: [] as number[], empty: [] as number[] }
  let armedChecked = 0
  try {
    await seedState(dataDir, ports)
    const appCheck = { port: ports.http, services: SERVICES, sources: true }
    for (let round = 0; round < ROUNDS; round++) {
      const restart = await timeStart(() => startApp(dataDir, ports), appCheck)
      if (round === 0) armedChecked = await staleOnTime(ports.http)
      await stop(restart.child)
      const baseline = await timeStart(() => startBaseline(dataDir, ports.http), {
        ...appCheck,
        sources: false,
      })
      await stop(baseline.child)
      const empty = await timeStart(() => startApp(emptyDir, ports), { ...appCheck, services: 0 })
      await stop(empty.child)
      times.restart.push(restart.ms)
      times.baseline.push(baseline.ms)
      times.empty.push(empty.ms)
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(emptyDir, { recursive: true, force: true })
  }
  const ratios = times.restart.map((ms, round) => ms / (times.baseline[round] as number))
  console.log(
    JSON.stringify({
      bench: 'restart',
      restart_ms: Math.round(percentile(times.restart, 50)),
      baseline_ms: Math.round(percentile(times.baseline, 50)),
      ratio: Math.round(percentile(ratios, 50) * 100) / 100,
      empty_start_ms: Math.round(percentile(times.empty, 50)),
      restart_max_ms: Math.round(percentile(times.restart, 100)),
      services: SERVICES,
      armed_checked: armedChecked,
      rounds: ROUNDS,
    }),
  )
}

if (BASELINE !== undefined) {
  serveBaseline(BASELINE, Number(process.argv.find((arg) => arg.startsWith('--port='))?.slice(7)))
} else {
  await main()
}
