/**
 * What the ui bench runs inside the page. Each function is serialized into the page by Playwright, so
 * it uses nothing from outside its own body.
 */

export interface FullListProbe {
  /**
   * An element whose text is the list's instance count, for a virtualized list (its rows in the DOM are
   * a screenful); then the list is full when that reads `count` and a row is shown. Null: count the rows.
   */
  countSelector: string | null
  rowSelector: string
  count: number
}

/** Times on the page's clock (ms since navigation start); null until it happened. */
export interface RenderMarks {
  /** The page asked for the records: its first WebSocket opened, or its first fetch. */
  connectAt: number | null
  /** The first animation frame in which the DOM held the full list. */
  fullAt: number | null
  /** The animation frame after that one: the full list has been laid out and painted. */
  paintedAt: number | null
}

export interface FrameSample {
  /** requestAnimationFrame deltas, ms. */
  deltasMs: number[]
  /** The most rows the list had in the DOM in any frame. */
  maxDomRows: number
}

export interface FrameProbe {
  /** The scrolling element; null for the document's. */
  scrollerSelector: string | null
  rowSelector: string
  durationMs: number
  /** Scrolled down this far every frame (0: the list stands still), back to the top at the end. */
  scrollPxPerFrame: number
}

/** An init script: marks when the page asks for its records and when the full list is first painted. */
export function markFirstFullList(probe: FullListProbe): void {
  const marks: RenderMarks = { connectAt: null, fullAt: null, paintedAt: null }
  Object.assign(window, { uiBenchMarks: marks })
  const markConnect = (): void => {
    marks.connectAt ??= performance.now()
  }
  const NativeWebSocket = window.WebSocket
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      markConnect()
      super(url, protocols)
    }
  }
  const nativeFetch = window.fetch.bind(window)
  window.fetch = (...args: Parameters<typeof fetch>) => {
    markConnect()
    return nativeFetch(...args)
  }
  const fullListShown = (): boolean => {
    if (probe.countSelector !== null) {
      const countText = document.querySelector(probe.countSelector)?.textContent ?? ''
      return (
        countText.replace(/\D/g, '') === String(probe.count) &&
        document.querySelector(probe.rowSelector) !== null
      )
    }
    return document.querySelectorAll(probe.rowSelector).length === probe.count
  }
  const check = (): void => {
    if (marks.fullAt !== null) {
      marks.paintedAt = performance.now()
      // A binding the harness exposed: the page tells it, so it never polls the page while it loads.
      ;(window as unknown as { uiBenchPainted?: (marks: RenderMarks) => void }).uiBenchPainted?.(marks)
      return
    }
    if (fullListShown()) marks.fullAt = performance.now()
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

/** requestAnimationFrame deltas for a while, scrolling the list meanwhile if asked. */
export function sampleFrames(probe: FrameProbe): Promise<FrameSample> {
  const scroller =
    probe.scrollerSelector === null
      ? (document.scrollingElement as HTMLElement)
      : (document.querySelector(probe.scrollerSelector) as HTMLElement)
  const deltasMs: number[] = []
  let maxDomRows = 0
  return new Promise((resolve) => {
    let firstAt: number | null = null
    let lastAt = 0
    const frame = (at: number): void => {
      if (firstAt === null) firstAt = at
      else deltasMs.push(at - lastAt)
      lastAt = at
      maxDomRows = Math.max(maxDomRows, scroller.querySelectorAll(probe.rowSelector).length)
      if (at - firstAt >= probe.durationMs) {
        scroller.scrollTop = 0
        resolve({ deltasMs, maxDomRows })
        return
      }
      if (probe.scrollPxPerFrame > 0) {
        const bottom = scroller.scrollHeight - scroller.clientHeight
        scroller.scrollTop = scroller.scrollTop >= bottom ? 0 : scroller.scrollTop + probe.scrollPxPerFrame
      }
      requestAnimationFrame(frame)
    }
    requestAnimationFrame(frame)
  })
}
