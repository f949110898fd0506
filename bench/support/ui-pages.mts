/**
 * The two pages the ui bench compares, each opened in a fresh browser context (no cache, nothing left
 * over from the last): the app's own UI, and the baseline, a bare page at the app's origin that fetches
 * the same records from the app's JSON API and renders every one of them into a plain list.
 */
import type { Browser, Page } from '@playwright/test'
import { markFirstFullList, type FullListProbe, type RenderMarks } from './ui-probes.mts'

const RENDER_TIMEOUT_MS = 60_000
const BASELINE_PATH = '/bench-baseline.html'
/** The simplest page that shows the same records: fetch them all, one <li> each. */
const BASELINE_PAGE = `<!doctype html>
<meta charset="utf-8" />
<title>baseline</title>
<ul id="records"></ul>
<script>
  fetch('/api/services')
    .then((response) => response.json())
    .then((services) => {
      const items = document.createDocumentFragment()
      for (const service of services) {
        const item = document.createElement('li')
        item.textContent = [service.service, service.instance, service.state, service.lastSeen].join(' ')
        items.append(item)
      }
      document.getElementById('records').append(items)
    })
</script>`

export const APP_SCROLLER = '[data-testid="service-list-scroll"]'

/** The list is full when the "All" chip counts every instance and instance rows are on screen. */
function appProbe(count: number): FullListProbe {
  return {
    countSelector: '[data-testid="state-filter"][data-state="all"] .chip-count',
    rowSelector: '[data-testid="service-row"]',
    count,
  }
}

/**
 * WebSocket frames the page received, timed by the browser's network stack as they came off the socket:
 * the page's main thread, busy with a frame, would add its own delay to when each seems to arrive.
 */
export interface BridgeFrames {
  /** The first frame: the snapshot. */
  firstBytes(): number
  /** How many have come so far: a mark to count from. */
  count(): number
  /** Frames per second, and bytes, from the frame after `mark` to the last, between the first and last. */
  rateFrom(mark: number): { perSecond: number; bytesPerSecond: number }
}

export async function openApp(browser: Browser, url: string, count: number): Promise<Page> {
  const page = await newAppPage(browser, count)
  await page.goto(url)
  return page
}

/**
 * The app's page with its WebSocket frames counted. Only where they are wanted: the browser hands each
 * frame, the whole snapshot too, to this process, which is work the bare page would not be charged.
 */
export async function openAppCountingFrames(
  browser: Browser,
  url: string,
  count: number,
): Promise<{ page: Page; frames: BridgeFrames }> {
  const page = await newAppPage(browser, count)
  const arrivals: { atS: number; bytes: number }[] = []
  // Every socket the page opens counts: a second one would be a second snapshot and every delta twice.
  const devtools = await page.context().newCDPSession(page)
  devtools.on('Network.webSocketFrameReceived', ({ timestamp, response }) =>
    arrivals.push({ atS: timestamp, bytes: response.payloadData.length }),
  )
  await devtools.send('Network.enable')
  await page.goto(url)
  const frames: BridgeFrames = {
    firstBytes: () => arrivals[0]?.bytes ?? 0,
    count: () => arrivals.length,
    rateFrom(mark) {
      const counted = arrivals.slice(mark)
      const first = counted[0]
      const last = counted.at(-1)
      if (!first || !last || last.atS === first.atS) return { perSecond: 0, bytesPerSecond: 0 }
      // Between the first counted frame and the last, so the window's edges add no part of a frame.
      const seconds = last.atS - first.atS
      const bytes = counted.slice(1).reduce((sum, arrival) => sum + arrival.bytes, 0)
      return { perSecond: (counted.length - 1) / seconds, bytesPerSecond: bytes / seconds }
    },
  }
  return { page, frames }
}

async function newAppPage(browser: Browser, count: number): Promise<Page> {
  return newMarkedPage(browser, appProbe(count))
}

export async function openBaseline(browser: Browser, url: string, count: number): Promise<Page> {
  const page = await newMarkedPage(browser, { countSelector: null, rowSelector: '#records > li', count })
  const context = page.context()
  // Served at the app's own origin, so the bare page may fetch the app's API as the UI may.
  await context.route(`${url}${BASELINE_PATH}`, (route) =>
    route.fulfill({ contentType: 'text/html', body: BASELINE_PAGE }),
  )
  await page.goto(`${url}${BASELINE_PATH}`)
  return page
}

/** The first full paint each page reports, by page. */
const paints = new WeakMap<Page, Promise<RenderMarks>>()

/**
 * A page in a fresh context that marks its first full list, and reports it through a binding. Waiting
 * with waitForFunction instead would have Playwright compile its injected script in the page, 40 ms of
 * the page's main thread, while the page is loading and being timed.
 */
async function newMarkedPage(browser: Browser, probe: FullListProbe): Promise<Page> {
  const context = await browser.newContext()
  let report: (marks: RenderMarks) => void = () => undefined
  const painted = new Promise<RenderMarks>((resolve) => (report = resolve))
  await context.exposeBinding('uiBenchPainted', (_source, marks: RenderMarks) => report(marks))
  await context.addInitScript(markFirstFullList, probe)
  const page = await context.newPage()
  paints.set(page, painted)
  return page
}

/** Waits for the full list to be painted; the marks are on the page's clock. */
export async function firstRender(page: Page): Promise<RenderMarks> {
  const painted = paints.get(page)
  if (!painted) throw new Error('not a page opened by ui-pages')
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no full list within ${RENDER_TIMEOUT_MS} ms`)),
      RENDER_TIMEOUT_MS,
    )
  })
  const marks = await Promise.race([painted, timeout]).finally(() => clearTimeout(timer))
  if (marks.connectAt == null || marks.paintedAt == null) throw new Error('the page never asked for its data')
  return marks
}
