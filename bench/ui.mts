/**
 * ui: the headless app's UI in Chromium, with many services and a steady heartbeat rate pushed into the
 * app's built-in endpoint by a process of its own (so the load shares neither the app's event loop nor
 * the browser driver's). Measures, on the page's own clock:
 *   - snapshot_render_ms: from the moment the page asks for its data (it creates its WebSocket) to the
 *     first animation frame after the one in which the whole list is in the DOM (the "All" chip counts
 *     every instance and rows are shown): by then that list has been laid out and painted.
 *     page_load_render_ms: the same end, from navigation start.
 *   - baseline_render_ms, the same way for the baseline: a bare page that fetches the same records from
 *     the same app (`GET /api/services`) and renders every one into a plain <ul>, from its fetch to the
 *     first frame after the whole <ul> is in the DOM.
 *   - bridge_msgs_per_s: WebSocket frames the page receives per second while heartbeats stream, on every
 *     socket it opens, timed as the browser's network stack took them.
 *   - frame_p95_ms: the 95th percentile of requestAnimationFrame deltas while deltas stream, first with
 *     the list standing still, then scrolled every frame; dom_rows: the most list rows in the DOM then.
 * Each first render is in a fresh browser context, one page open at a time; the figure is the median.
 *   npm run build && npm run bench -- ui [--smoke]
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from '@playwright/test'
import { startHeadlessProcess } from '../e2e/support/headless-process'
import { CHROMIUM_ARGS } from '../playwright.config'
import { freePort } from '../test/support/redis-server'
import { runFeed, type FeedReport } from './support/push-feed.mts'
import {
  APP_SCROLLER,
  firstRender,
  openApp,
  openAppCountingFrames,
  openBaseline,
} from './support/ui-pages.mts'
import { sampleFrames, type FrameProbe, type RenderMarks } from './support/ui-probes.mts'

const smoke = process.argv.includes('--smoke')
const SERVICES = smoke ? 200 : 10_000
const HEARTBEATS_PER_S = smoke ? 100 : 2_000
// First renders on a shared 2-core machine spread by a third either way: the median of 7 is steadier than of 3.
const ROUNDS = smoke ? 1 : 7
const FRAMES_WINDOW_MS = smoke ? 1_000 : 5_000
/** Four rows a frame: a brisk wheel scroll. */
const SCROLL_PX_PER_FRAME = 152
/** A delta this long missed at least one 60 Hz vsync. */
const MISSED_FRAME_MS = 1.5 * (1000 / 60)
/** Set in the child process that feeds the app. */
const FEED_PORT = process.argv.find((arg) => arg.startsWith('--feed='))?.slice(7)

if (FEED_PORT) {
  await runFeed({ pushPort: Number(FEED_PORT), services: SERVICES, perSecond: HEARTBEATS_PER_S })
} else {
  await main()
}

async function main(): Promise<void> {
  if (!existsSync('out/main/cli.js') || !existsSync('out/renderer/index.html')) {
    throw new Error('ui bench: the app is not built; run `npm run build` first')
  }
  const pushPort = await freePort()
  const app = await startHeadlessProcess(['--no-demo', '--source', `push://127.0.0.1:${pushPort}`])
  const feed = await startFeed(pushPort)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    const renders = await measureFirstRenders(browser, app.url)
    const live = await measureLiveApp(browser, app.url)
    const baselineScrollMs = await measureBaselineScroll(browser, app.url)
    const fed = await feed.stop()
    const appMs = median(renders.app.map(connectToPaintMs))
    const baselineMs = median(renders.baseline.map(connectToPaintMs))
    const allFramesMs = [...live.streaming.deltasMs, ...live.scrolling.deltasMs]
    console.log(
      JSON.stringify({
        bench: 'ui',
        services: SERVICES,
        heartbeats_per_s: fed.perSecond,
        snapshot_render_ms: round1(appMs),
        baseline_render_ms: round1(baselineMs),
        // Below 1: the app shows its whole list sooner than the bare page shows its plain one.
        render_ratio: Math.round((appMs / baselineMs) * 100) / 100,
        page_load_render_ms: round1(median(renders.app.map(navigationToPaintMs))),
        baseline_page_load_render_ms: round1(median(renders.baseline.map(navigationToPaintMs))),
        snapshot_kb: Math.round(live.snapshotBytes / 1024),
        bridge_msgs_per_s: Math.round(live.bridge.perSecond * 100) / 100,
        bridge_kb_per_s: Math.round(live.bridge.bytesPerSecond / 1024),
        frame_p95_ms: round1(percentile(allFramesMs, 0.95)),
        frame_p95_stream_ms: round1(percentile(live.streaming.deltasMs, 0.95)),
        frame_p95_scroll_ms: round1(percentile(live.scrolling.deltasMs, 0.95)),
        missed_frames_pct: round1(
          (100 * allFramesMs.filter((ms) => ms > MISSED_FRAME_MS).length) / allFramesMs.length,
        ),
        frames_sampled: allFramesMs.length,
        baseline_frame_p95_scroll_ms: round1(percentile(baselineScrollMs, 0.95)),
        dom_rows: Math.max(live.streaming.maxDomRows, live.scrolling.maxDomRows),
        baseline_dom_rows: SERVICES,
        rounds: ROUNDS,
        feed_failed: fed.failed,
        // The machine is shared: how busy it was over the last minute, to read the timings by.
        load_avg_1m: round1(loadavg()[0] ?? 0),
      }),
    )
  } finally {
    // Whatever failed above is the error to see, not a feeder that then had nothing to report.
    await browser.close()
    await feed.stop().catch(() => undefined)
    await app.stop()
  }
}

/** The app and the baseline in turn, one page open at a time: an open page would take the other's CPU. */
async function measureFirstRenders(
  browser: Browser,
  url: string,
): Promise<{ app: RenderMarks[]; baseline: RenderMarks[] }> {
  const app: RenderMarks[] = []
  const baseline: RenderMarks[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const page = await openApp(browser, url, SERVICES)
    app.push(await firstRender(page))
    await page.context().close()
    const bare = await openBaseline(browser, url, SERVICES)
    baseline.push(await firstRender(bare))
    await bare.context().close()
  }
  return { app, baseline }
}

/** The app's page while deltas stream: its frames standing still, then scrolling, and its WebSocket. */
async function measureLiveApp(browser: Browser, url: string) {
  const { page, frames } = await openAppCountingFrames(browser, url, SERVICES)
  await firstRender(page)
  const mark = frames.count()
  const probe: FrameProbe = {
    scrollerSelector: APP_SCROLLER,
    rowSelector: '[role="row"]',
    durationMs: FRAMES_WINDOW_MS,
    scrollPxPerFrame: 0,
  }
  const streaming = await page.evaluate(sampleFrames, probe)
  const scrolling = await page.evaluate(sampleFrames, { ...probe, scrollPxPerFrame: SCROLL_PX_PER_FRAME })
  await page.context().close()
  return { streaming, scrolling, bridge: frames.rateFrom(mark), snapshotBytes: frames.firstBytes() }
}

/** For reference: the frames of the bare page's plain list, scrolled the same way. */
async function measureBaselineScroll(browser: Browser, url: string): Promise<number[]> {
  const page = await openBaseline(browser, url, SERVICES)
  await firstRender(page)
  const { deltasMs } = await page.evaluate(sampleFrames, {
    scrollerSelector: null,
    rowSelector: 'li',
    durationMs: FRAMES_WINDOW_MS,
    scrollPxPerFrame: SCROLL_PX_PER_FRAME,
  })
  await page.context().close()
  return deltasMs
}

/** The feeder in a child process of its own; resolves once every service has been accepted. */
async function startFeed(pushPort: number): Promise<{ stop(): Promise<FeedReport> }> {
  const args = [fileURLToPath(import.meta.url), `--feed=${pushPort}`, ...(smoke ? ['--smoke'] : [])]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines: string[] = []
  const output = createInterface({ input: child.stdout })
  await new Promise<void>((resolve, reject) => {
    output.on('line', (line) => {
      lines.push(line)
      if (line === 'registered') resolve()
    })
    child.once('exit', (code) => reject(new Error(`feeder exited with ${code}: ${lines.join('\n')}`)))
  })
  let report: Promise<FeedReport> | null = null
  return {
    stop() {
      report ??= (async () => {
        if (child.exitCode === null) {
          child.kill('SIGTERM')
          await once(child, 'exit')
        }
        return JSON.parse(lines.at(-1) as string) as FeedReport
      })()
      return report
    },
  }
}

function connectToPaintMs(marks: RenderMarks): number {
  return (marks.paintedAt as number) - (marks.connectAt as number)
}

/** Page clocks start at navigation. */
function navigationToPaintMs(marks: RenderMarks): number {
  return marks.paintedAt as number
}

function median(values: number[]): number {
  return percentile(values, 0.5)
}

/** Nearest rank. */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
