/**
 * detect: 10,000 services with declared intervals from 0.5 s to 60 s, every fourth one jittery, beating
 * over Redis pub/sub (seed 001) at some 12,000 heartbeats a second; 1,000 of them stop. How late after
 * its deadline (its last heartbeat's arrival + 1.5 × / 3 × its interval, on the monotonic clock) each
 * stale and dead comes, and whether any comes falsely, from three watchers: (1) the engine (source,
 * decode, registry, detector); (2) the app: the same engine with its alert policy and one UI taking
 * batched deltas; (3) the baseline: an ioredis PSUBSCRIBE consumer that JSON.parses each message and
 * keeps a stale and a dead timer per service, set again on every heartbeat. Each watcher runs in a
 * fresh process of its own; the engine and the app each run beside a baseline that takes the same
 * beats at the same time, so the baseline shows what the (shared, noisy) machine allowed.
 *   npm run bench -- detect [--smoke]
 */
import { fork } from 'node:child_process'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { DEFAULT_MULTIPLIERS } from '../src/main/core/interval'
import { lastDeadlineMs, planServices } from './support/beat-plan.mts'
import { publishPlan, type PublisherReport } from './support/beat-publisher.mts'
import { notMadeByOther, scoreDetection, type ObservedTransition } from './support/detect-score.mts'
import {
  appWatcher,
  engineWatcher,
  until,
  type RecordTransition,
  type Watcher,
} from './support/engine-watchers.mts'
import { percentile } from './support/percentile.mts'

const smoke = process.argv.includes('--smoke')
const FLAGS = smoke ? ['--smoke'] : []
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'
/** Stopped services come from the fast classes (0.5 s, 1 s, 2 s, 5 s): the last is dead 15 s on. */
const STOP_FROM_MS = smoke ? 3_000 : 10_000
const PLAN = planServices({
  services: smoke ? 200 : 10_000,
  stopped: smoke ? 20 : 1_000,
  stoppedShares: smoke ? [0.5, 0.5] : [0.4, 0.3, 0.2, 0.1],
  stopFromMs: STOP_FROM_MS,
  stopSpanMs: smoke ? 1_000 : 15_000,
})
/** A stale or dead later than this after its deadline counts as missed (the target's max is 200 ms). */
const SLACK_MS = 1_000
/** Two watchers that call one service stale within this of each other saw the same silence. */
const SAME_MOMENT_MS = 200
/** Set in the child process that runs one watcher. */
const WATCHER = process.argv.find((arg) => arg.startsWith('--watcher='))?.slice(10) as Kind | undefined
const CHANNELS = process.argv.find((arg) => arg.startsWith('--channels='))?.slice(11)

type Kind = 'engine' | 'app' | 'baseline'
type PublisherDone = Extract<PublisherReport, { kind: 'done' }>
type ToWatcher = { kind: 'stopping' } | { kind: 'done'; report: PublisherDone }

interface Watched {
  lastSeenMs: number
  intervalMs: number
  stale?: NodeJS.Timeout
  dead?: NodeJS.Timeout
}

/** A watcher and the baseline beside it, on the same beats. */
interface Phase {
  watched: Measurement
  baseline: Measurement
  lagMaxMs: number
  /** The watcher's false transitions that the baseline beside it did not make too. */
  ownFalse: number
}

interface Measurement {
  lateMs: { p50: number; p99: number; max: number; count: number }
  falseTransitions: ObservedTransition[]
  excused: number
  missed: number
  perSecond: number
  lost: number
}

/**
 * The simplest correct watcher: a stale and a dead timer per service, set again by each heartbeat. A
 * timer fires by the event loop's coarse clock and may come a fraction early: it then waits the rest.
 */
async function baselineWatcher(pattern: string, record: RecordTransition): Promise<Watcher> {
  const client = new Redis(REDIS_URL)
  let received = 0
  const watched = new Map<string, Watched>()
  const arm = (service: string, entry: Watched, to: 'stale' | 'dead'): void => {
    const factor = to === 'stale' ? DEFAULT_MULTIPLIERS.staleFactor : DEFAULT_MULTIPLIERS.deadFactor
    const dueMs = entry.lastSeenMs + factor * entry.intervalMs
    entry[to] = setTimeout(
      () => {
        if (performance.now() < dueMs) arm(service, entry, to)
        else record({ service, to, atMs: performance.now() })
      },
      Math.ceil(dueMs - performance.now()),
    )
  }
  client.on('pmessage', (_pattern: string, _channel: string, message: string) => {
    const arrivedMs = performance.now()
    received++
    const heartbeat = JSON.parse(message) as { service_name: string; interval_seconds: number }
    const service = heartbeat.service_name
    let entry = watched.get(service)
    if (entry) {
      clearTimeout(entry.stale)
      clearTimeout(entry.dead)
    } else watched.set(service, (entry = { lastSeenMs: 0, intervalMs: 0 }))
    entry.lastSeenMs = arrivedMs
    entry.intervalMs = heartbeat.interval_seconds * 1_000
    arm(service, entry, 'stale')
    arm(service, entry, 'dead')
  })
  await client.psubscribe(pattern)
  return {
    received: () => received,
    lastArrivals: () => new Map([...watched].map(([service, entry]) => [service, entry.lastSeenMs])),
    stop: async () => {
      for (const entry of watched.values()) {
        clearTimeout(entry.stale)
        clearTimeout(entry.dead)
      }
      await client.quit()
    },
  }
}

const WATCHERS: Record<Kind, (pattern: string, record: RecordTransition) => Promise<Watcher>> = {
  engine: engineWatcher,
  app: appWatcher,
  baseline: baselineWatcher,
}

/** A watcher in a process of its own: ready, then the run, then its measurement, over IPC. */
async function watchInChild(kind: Kind, channelPrefix: string): Promise<void> {
  const transitions: ObservedTransition[] = []
  const record: RecordTransition = (transition) => transitions.push(transition)
  const watcher = await WATCHERS[kind](`${channelPrefix}:heartbeat:service:*`, record)
  let window = { fromMs: performance.now(), received: 0 }
  process.on('message', (message: ToWatcher) => {
    if (message.kind === 'stopping') {
      window = { fromMs: performance.now(), received: watcher.received() }
      return
    }
    void measure(watcher, transitions, window, message.report).then((measurement) => {
      process.send?.(measurement, () => process.exit(0))
    })
  })
  process.send?.('ready')
}

async function measure(
  watcher: Watcher,
  transitions: readonly ObservedTransition[],
  window: { fromMs: number; received: number },
  report: PublisherDone,
): Promise<Measurement> {
  const perSecond = ((watcher.received() - window.received) * 1_000) / (performance.now() - window.fromMs)
  await until(() => watcher.received() >= report.sent, 'the last heartbeats', 2_000).catch(() => undefined)
  // The publisher's times are on the clock all processes share; ours are performance.now().
  const ours = (sharedMs: number): number => sharedMs - performance.timeOrigin
  const score = scoreDetection(
    {
      plan: PLAN,
      transitions,
      lastArrivalMs: watcher.lastArrivals(),
      overdue: report.overdue.map((gap) => ({ ...gap, fromMs: ours(gap.fromMs), toMs: ours(gap.toMs) })),
      endedAtMs: ours(report.endedAtMs),
    },
    DEFAULT_MULTIPLIERS,
    SLACK_MS,
  )
  const lost = report.sent - watcher.received()
  await watcher.stop()
  return {
    lateMs: {
      p50: percentile(score.lateMs, 50),
      p99: percentile(score.lateMs, 99),
      max: percentile(score.lateMs, 100),
      count: score.lateMs.length,
    },
    // On the clock all processes share, to be set beside the other watcher's.
    falseTransitions: score.falseTransitions.map((t) => ({ ...t, atMs: t.atMs + performance.timeOrigin })),
    excused: score.excused,
    missed: score.missed,
    perSecond,
    lost,
  }
}

/**
 * The watchers of one phase subscribe, each in its own process, before the first beat; then this
 * process plays the plan to all of them at once: they face the same beats on the same machine at the
 * same time, so a baseline beside a watcher tells what the machine allowed.
 */
async function runPhase(kinds: readonly Kind[]): Promise<Phase> {
  const channelPrefix = `bench-detect-${process.pid}-${kinds.join('-')}`
  const children = kinds.map((kind) =>
    fork(fileURLToPath(import.meta.url), [`--watcher=${kind}`, `--channels=${channelPrefix}`, ...FLAGS]),
  )
  const results = children.map(
    (child) =>
      new Promise<Measurement>((resolve, reject) => {
        child.on('message', (message: 'ready' | Measurement) => message !== 'ready' && resolve(message))
        child.once('exit', (code) => reject(new Error(`a watcher exited with ${code} before reporting`)))
      }),
  )
  await Promise.all(children.map((child) => once(child, 'message')))
  let lagMaxMs = 0
  await publishPlan(
    {
      url: REDIS_URL,
      channelPrefix,
      plan: PLAN,
      stopFromMs: STOP_FROM_MS,
      runMs: lastDeadlineMs(PLAN, DEFAULT_MULTIPLIERS.deadFactor) + SLACK_MS + 1_000,
      overdueAfter: DEFAULT_MULTIPLIERS.staleFactor,
    },
    (message) => {
      if (message.kind === 'done') lagMaxMs = message.lagMaxMs
      const forward: ToWatcher = message.kind === 'done' ? { kind: 'done', report: message } : message
      for (const child of children) child.send(forward)
    },
  )
  const [watched, baseline] = (await Promise.all(results)) as [Measurement, Measurement]
  const ownFalse = notMadeByOther(watched.falseTransitions, baseline.falseTransitions, SAME_MOMENT_MS)
  return { watched, baseline, lagMaxMs, ownFalse: ownFalse.length }
}

const ms = (value: number): number => Math.round(value * 10) / 10

if (WATCHER) {
  await watchInChild(WATCHER, CHANNELS as string)
} else {
  const engine = await runPhase(['engine', 'baseline'])
  const app = await runPhase(['app', 'baseline'])
  const all = [engine.watched, engine.baseline, app.watched, app.baseline]
  console.log(
    JSON.stringify({
      bench: 'detect',
      late_p50_ms: ms(engine.watched.lateMs.p50),
      late_p99_ms: ms(engine.watched.lateMs.p99),
      late_max_ms: ms(engine.watched.lateMs.max),
      false_transitions: engine.watched.falseTransitions.length,
      false_not_in_baseline: engine.ownFalse,
      missed: engine.watched.missed,
      baseline_late_p50_ms: ms(engine.baseline.lateMs.p50),
      baseline_late_p99_ms: ms(engine.baseline.lateMs.p99),
      baseline_late_max_ms: ms(engine.baseline.lateMs.max),
      baseline_false_transitions: engine.baseline.falseTransitions.length,
      baseline_missed: engine.baseline.missed,
      app_late_p50_ms: ms(app.watched.lateMs.p50),
      app_late_p99_ms: ms(app.watched.lateMs.p99),
      app_late_max_ms: ms(app.watched.lateMs.max),
      app_false_transitions: app.watched.falseTransitions.length,
      app_false_not_in_baseline: app.ownFalse,
      app_missed: app.watched.missed,
      app_baseline_late_p99_ms: ms(app.baseline.lateMs.p99),
      app_baseline_false_transitions: app.baseline.falseTransitions.length,
      excused_transitions: all.reduce((sum, measured) => sum + measured.excused, 0),
      heartbeats_per_s: Math.round(Math.min(...all.map((measured) => measured.perSecond))),
      services: PLAN.length,
      stopped: PLAN.filter((service) => service.stopAtMs !== null).length,
      deadlines_measured: engine.watched.lateMs.count,
      publisher_lag_max_ms: ms(Math.max(engine.lagMaxMs, app.lagMaxMs)),
      lost: all.reduce((sum, measured) => sum + measured.lost, 0),
    }),
  )
}
