/**
 * ingest: seed 001 heartbeats for many services flooded through Redis pub/sub into (1) the whole engine
 * (source, decode, registry, detector), (2) the baseline: an ioredis PSUBSCRIBE consumer that JSON.parses
 * each message and records its arrival in a Map, (3) a consumer that only counts. Same run, same flood.
 * Each measurement runs in a fresh process of its own, so no consumer inherits another's JIT profile or
 * garbage.
 *   npm run bench -- ingest [--smoke]
 */
import { execFileSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { DEFAULT_DETECTION } from '../src/main/core/settings'
import { Engine } from '../src/main/engine'
import { favourSmallHeap } from '../src/main/heap-policy'
import { measureFlood, type FloodResult } from './support/flood.mts'

const smoke = process.argv.includes('--smoke')
const URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'
const SERVICES = smoke ? 200 : 10_000
const TOTAL = smoke ? 2_000 : 100_000
const ROUNDS = smoke ? 1 : 9
/** `--only=engine` runs one consumer, for profiling (`node --cpu-prof out/bench/ingest.mjs --only=engine`). */
const ONLY = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7)
/** Set in the child process that takes one measurement. */
const CONSUMER = process.argv.find((arg) => arg.startsWith('--consumer='))?.slice(11) as Kind | undefined
const ROUND = Number(process.argv.find((arg) => arg.startsWith('--round='))?.slice(8) ?? 0)

type Kind = 'engine' | 'baseline' | 'count'
type Measurement = FloodResult & { rejected: number; services: number }

type Consumer = { count: () => number; stop: () => Promise<void>; engine?: Engine }

async function bareConsumer(pattern: string, parse: boolean): Promise<Consumer> {
  const client = new Redis(URL)
  let received = 0
  const arrivals = new Map<string, number>()
  client.on('pmessage', (_pattern: string, _channel: string, message: string) => {
    if (parse) {
      const heartbeat = JSON.parse(message) as { service_name: string; instance_id: string }
      arrivals.set(`${heartbeat.service_name}|${heartbeat.instance_id}`, performance.now())
    }
    received++
  })
  await client.psubscribe(pattern)
  return { count: () => received, stop: async () => void (await client.quit()) }
}

async function engineConsumer(pattern: string): Promise<Consumer> {
  favourSmallHeap() // as the app's own processes run it
  const engine = new Engine({ detection: { ...DEFAULT_DETECTION, maxInstances: 1_000_000 } })
  const added = engine.addSource(`${URL}?pattern=${encodeURIComponent(pattern)}`)
  if (!added.ok) throw new Error(added.error)
  const start = Date.now()
  while (engine.sourceViews()[0]?.state !== 'connected') {
    if (Date.now() - start > 10_000) throw new Error('engine source did not connect')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return { engine, count: () => engine.sourceViews()[0]?.received ?? 0, stop: () => engine.stop() }
}

async function run(
  kind: 'engine' | 'baseline' | 'count',
  round: number,
): Promise<FloodResult & { rejected: number; services: number }> {
  const channelPrefix = `bench-ingest-${process.pid}-${kind}-${round}`
  const pattern = `${channelPrefix}:heartbeat:service:*`
  const consumer =
    kind === 'engine' ? await engineConsumer(pattern) : await bareConsumer(pattern, kind === 'baseline')
  // Warm-up, the same for every consumer: each service is heard from once and the code has run, so
  // the timed flood measures the steady state of a watched fleet, not first sight and the JIT's start.
  const warmUp = await measureFlood(
    { url: URL, channelPrefix, services: SERVICES, total: SERVICES },
    consumer.count,
  )
  const timed = await measureFlood(
    { url: URL, channelPrefix, services: SERVICES, total: TOTAL },
    consumer.count,
  )
  const result = { ...timed, lost: timed.lost + warmUp.lost }
  const engine = consumer.engine ?? null
  const rejected = engine?.sourceViews()[0]?.rejected ?? 0
  const services = engine ? engine.services().length : SERVICES
  await consumer.stop()
  return { ...result, rejected, services }
}

/** One measurement in a child process: it prints its result as the last line. */
function measureInChild(kind: Kind, round: number): Measurement {
  const args = [
    fileURLToPath(import.meta.url),
    `--consumer=${kind}`,
    `--round=${round}`,
    ...(smoke ? ['--smoke'] : []),
  ]
  const output = execFileSync(process.execPath, args, { encoding: 'utf8' })
  return JSON.parse(output.trim().split('\n').pop() as string) as Measurement
}

if (CONSUMER) {
  console.log(JSON.stringify(await run(CONSUMER, ROUND)))
  process.exit(0)
}

/**
 * The machine is shared and noisy: the consumers run one after another within each round, and the
 * figure is the median over rounds of engine / baseline within the round.
 */
const rates = { engine: [] as number[], baseline: [] as number[], count: [] as number[] }
let lost = 0
let rejected = 0
let services = 0
for (let round = 0; round < ROUNDS; round++) {
  // Every other round the other way round, so a machine growing busier or quieter favours neither.
  const order = ['engine', 'baseline', 'count'] as const
  for (const kind of round % 2 === 0 ? order : [...order].reverse()) {
    if (ONLY && kind !== ONLY) continue
    const result = measureInChild(kind, round)
    rates[kind].push(result.perSecond)
    lost += result.lost
    if (kind === 'engine') {
      rejected += result.rejected
      services = result.services
    }
  }
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length === 0
    ? 0
    : sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
const ratioOf = (over: number[]): number =>
  Math.round(median(rates.engine.map((engine, round) => engine / (over[round] || Infinity))) * 100) / 100
console.log(
  JSON.stringify({
    bench: 'ingest',
    engine_per_s: Math.round(median(rates.engine)),
    baseline_per_s: Math.round(median(rates.baseline)),
    count_only_per_s: Math.round(median(rates.count)),
    raw_per_s: Math.round(median(rates.count)),
    ratio: ratioOf(rates.baseline),
    ratio_vs_count_only: ratioOf(rates.count),
    services,
    messages_per_round: TOTAL,
    rounds: ROUNDS,
    lost,
    rejected,
  }),
)
