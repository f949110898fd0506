/**
 * footprint: what the headless app costs to keep running. The real process (bin/heartbeat-tray.js
 * --headless) watches 10,000 services on Redis pub/sub beating 10,000 times a second for 60 s, two
 * minutes more to settle, then a soak (default 10 minutes), then all fall silent and die; its RSS and CPU
 * are read from /proc. The baseline, in the same run and on the same flood: a bare node process holding
 * every service's last heartbeat in a Map behind the same transport.
 * - rss_mb_steady: the median RSS over the second half of the 60 s (the first is warm-up).
 * - rss_mb_growth_per_hour: how fast the RSS floor rises over the soak (floorGrowthPerHour).
 * - idle_cpu_pct: CPU over the 30 s from the moment every service is dead, in % of one core.
 *   npm run bench -- footprint [--smoke] [--soak-minutes=N]
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { startPacedFlood } from './support/paced-flood.mts'
import { cpuSeconds, rssMb } from './support/proc-usage.mts'

const smoke = process.argv.includes('--smoke')
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'
const SERVICES = smoke ? 200 : 10_000
const PER_SECOND = smoke ? 200 : 10_000
const LOAD_MS = smoke ? 3_000 : 60_000
const SOAK_MINUTES = Number(process.argv.find((arg) => arg.startsWith('--soak-minutes='))?.slice(15) ?? 10)
if (!(SOAK_MINUTES > 0)) throw new Error('--soak-minutes takes a number of minutes above 0')
const SOAK_MS = smoke ? 3_000 : SOAK_MINUTES * 60_000
/**
 * Between the load and the soak, at the same rate, not fitted: V8 keeps settling (compiled code, the
 * heap's pages) for two or three minutes after start-up, while what survives a full collection is flat
 * from the first minute; the soak measures what comes after.
 */
const SETTLE_MS = smoke ? 0 : 120_000
const IDLE_MS = smoke ? 3_000 : 30_000
const SAMPLE_EVERY_MS = 1_000
/** Set in the child process that runs the baseline consumer. */
const BASELINE_PATTERN = process.argv.find((arg) => arg.startsWith('--baseline='))?.slice(11)
/** Benches run bundled from out/bench/, the app built into out/ (bench/run.mjs does both). */
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

interface Measured {
  pid: number
  stop(): Promise<void>
}

/** The baseline: every message parsed and kept, by service and instance, with its arrival time. */
async function runBaseline(pattern: string): Promise<void> {
  const client = new Redis(REDIS_URL)
  const records = new Map<string, { lastSeenMs: number; heartbeat: Record<string, unknown> }>()
  let received = 0
  client.on('pmessage', (_pattern: string, _channel: string, message: string) => {
    const heartbeat = JSON.parse(message) as Record<string, unknown>
    records.set(`${heartbeat.service_name}|${heartbeat.instance_id}`, {
      lastSeenMs: performance.now(),
      heartbeat,
    })
    received++
  })
  await client.psubscribe(pattern)
  process.on('message', () => process.send?.({ received, records: records.size }))
  process.on('disconnect', () => process.exit(0))
  process.send?.('ready')
}

if (BASELINE_PATTERN !== undefined) {
  await runBaseline(BASELINE_PATTERN)
} else {
  await main()
}

async function main(): Promise<void> {
  const channelPrefix = `bench-footprint-${process.pid}`
  const pattern = `${channelPrefix}:heartbeat:service:*`
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-footprint-'))
  const children: Measured[] = []
  const stopChildren = (): Promise<unknown> => Promise.all(children.map((child) => child.stop()))
  process.once('SIGINT', () => void stopChildren().then(() => process.exit(130)))
  try {
    const app = await startApp(pattern, dataDir)
    children.push(app)
    const baseline = await startBaseline(pattern)
    children.push(baseline)
    const pids = [app.pid, baseline.pid] as const
    const flood = startPacedFlood({
      url: REDIS_URL,
      channelPrefix,
      services: SERVICES,
      perSecond: PER_SECOND,
    })
    const load = await sample(pids, LOAD_MS)
    await sleep(SETTLE_MS)
    const soak = await sample(pids, SOAK_MS)
    const { sent, perSecond } = await flood.stop()
    const silentAtMs = performance.now()
    await waitUntilAllDead(app.url)
    const secondsToAllDead = (performance.now() - silentAtMs) / 1000
    const idle = await sample(pids, IDLE_MS)
    const appCounts = await metricsOf(app.url)
    const baselineCounts = await baseline.counts()
    // Steady: after the first half of the load, by which time every service is known and the heap grown.
    const steady = (series: number[]): number => median(series.slice(Math.floor(series.length / 2)))
    const appSteady = steady(load.rssMb[0])
    const baselineSteady = steady(load.rssMb[1])
    console.log(
      JSON.stringify({
        bench: 'footprint',
        services: appCounts.instances,
        heartbeats_per_s: perSecond,
        rss_mb_steady: round(appSteady, 1),
        baseline_rss_mb_steady: round(baselineSteady, 1),
        rss_ratio: round(appSteady / baselineSteady, 2),
        rss_mb_peak: round(Math.max(...load.rssMb[0], ...soak.rssMb[0], ...idle.rssMb[0]), 1),
        rss_mb_growth_per_hour: round(floorGrowthPerHour(soak.atMs, soak.rssMb[0]), 1),
        baseline_rss_mb_growth_per_hour: round(floorGrowthPerHour(soak.atMs, soak.rssMb[1]), 1),
        soak_minutes: round(SOAK_MS / 60_000, 2),
        soak_after_minutes: round((LOAD_MS + SETTLE_MS) / 60_000, 2),
        load_cpu_pct: round(load.cpuPct[0], 1),
        baseline_load_cpu_pct: round(load.cpuPct[1], 1),
        seconds_to_all_dead: round(secondsToAllDead, 1),
        rss_mb_idle: round(median(idle.rssMb[0]), 1),
        idle_cpu_pct: round(idle.cpuPct[0], 2),
        baseline_idle_cpu_pct: round(idle.cpuPct[1], 2),
        lost: sent - appCounts.received,
        baseline_lost: sent - baselineCounts.received,
      }),
    )
  } finally {
    await stopChildren()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The real headless app, as a user runs it, on an ephemeral port; resolves once its source is live. */
async function startApp(pattern: string, dataDir: string): Promise<Measured & { url: string }> {
  const source = `${REDIS_URL}?pattern=${encodeURIComponent(pattern)}`
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin', 'heartbeat-tray.js'),
      ...['--headless', '--no-demo', '--source', source, '--http', '127.0.0.1:0', '--data', dataDir],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  try {
    const url = await listeningUrl(child)
    const startMs = performance.now()
    while ((await metricsOf(url)).sourceUp !== 1) {
      if (performance.now() - startMs > 10_000) throw new Error('the app did not connect to Redis')
      await sleep(50)
    }
    return { pid: child.pid as number, url, stop: () => stopChild(child, 'SIGTERM') }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}

/** The URL the app prints once it listens. Its output is read to the end: a full pipe would block it. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let output: string | null = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      if (output === null) return
      output += chunk.toString('utf8')
      const match = /UI and API at (http:\/\/\S+)/.exec(output)
      if (match) {
        output = null
        resolve(match[1] as string)
      }
    })
    child.once('exit', (code) => reject(new Error(`heartbeat-tray exited (${code}) before it listened`)))
  })
}

async function startBaseline(
  pattern: string,
): Promise<Measured & { counts(): Promise<{ received: number }> }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), `--baseline=${pattern}`], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`baseline exited (${code}) before it subscribed`)))
  })
  return {
    pid: child.pid as number,
    counts: () =>
      new Promise((resolve) => {
        child.once('message', (counts) => resolve(counts as { received: number }))
        child.send('counts')
      }),
    stop: () => stopChild(child, 'SIGTERM'),
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  return exited
}

interface Samples {
  atMs: number[]
  /** One series per pid, in the order given. */
  rssMb: [number[], number[]]
  /** CPU over the whole span, as a percentage of one core. */
  cpuPct: [number, number]
}

async function sample(pids: readonly [number, number], durationMs: number): Promise<Samples> {
  const samples: Samples = { atMs: [], rssMb: [[], []], cpuPct: [0, 0] }
  const startMs = performance.now()
  const cpuAtStart = pids.map(cpuSeconds)
  for (let next = startMs; next < startMs + durationMs; next += SAMPLE_EVERY_MS) {
    await sleep(next - performance.now())
    samples.atMs.push(performance.now())
    pids.forEach((pid, i) => samples.rssMb[i as 0 | 1].push(rssMb(pid)))
  }
  await sleep(startMs + durationMs - performance.now())
  const seconds = (performance.now() - startMs) / 1000
  pids.forEach((pid, i) => {
    samples.cpuPct[i as 0 | 1] = ((cpuSeconds(pid) - (cpuAtStart[i] as number)) / seconds) * 100
  })
  return samples
}

/** Every service dead: each declared a short interval, so this takes seconds after the flood stops. */
async function waitUntilAllDead(url: string): Promise<void> {
  const startMs = performance.now()
  while ((await metricsOf(url)).dead < SERVICES) {
    if (performance.now() - startMs > 60_000) throw new Error('services still not dead after 60 s')
    await sleep(100)
  }
}

async function metricsOf(
  url: string,
): Promise<{ instances: number; dead: number; received: number; sourceUp: number }> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const values = (name: string): number[] =>
    [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'gm'))].map((match) => Number(match[1]))
  const sum = (numbers: number[]): number => numbers.reduce((total, value) => total + value, 0)
  const dead = Number(/^heartbeat_tray_instances\{state="dead"\} (\d+)$/m.exec(text)?.[1] ?? 0)
  return {
    instances: sum(values('heartbeat_tray_instances')),
    dead,
    received: sum(values('heartbeat_tray_heartbeats_received_total')),
    sourceUp: sum(values('heartbeat_tray_source_up')),
  }
}

/**
 * How fast the RSS floor rises, in MB an hour: the soak is cut into ten spans, and a line is fitted
 * through each span's lowest sample, what is left after a collection. A line through every sample would
 * mostly measure where the collector's sawtooth happened to stop. The line is Theil-Sen's (the median of
 * the slopes between every two floors), so one span the collector skipped does not tilt it.
 */
function floorGrowthPerHour(atMs: number[], mb: number[]): number {
  const spans = Math.min(10, atMs.length)
  const floors: { atMs: number; mb: number }[] = []
  for (let span = 0; span < spans; span++) {
    const end = Math.floor(((span + 1) * atMs.length) / spans)
    let lowest = Math.floor((span * atMs.length) / spans)
    for (let i = lowest + 1; i < end; i++) if ((mb[i] as number) < (mb[lowest] as number)) lowest = i
    floors.push({ atMs: atMs[lowest] as number, mb: mb[lowest] as number })
  }
  const slopes = floors.flatMap((from, i) =>
    floors.slice(i + 1).map((to) => (to.mb - from.mb) / (to.atMs - from.atMs)),
  )
  return slopes.length === 0 ? 0 : median(slopes) * 3_600_000
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals
  return Math.round(value * scale) / scale
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
