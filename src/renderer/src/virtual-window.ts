/** The arithmetic of a virtualized list of fixed-height rows: only the rows in view (plus a margin) exist. */

export interface VirtualWindow {
  /** First row to render. */
  start: number
  /** One past the last row to render. */
  end: number
}

export interface Viewport {
  scrollTop: number
  heightPx: number
}

/** The rows that intersect the viewport, widened by `overscan` rows each side. */
export function visibleWindow(
  viewport: Viewport,
  rowHeightPx: number,
  rowCount: number,
  overscan: number,
): VirtualWindow {
  if (rowCount === 0 || rowHeightPx <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, viewport.scrollTop) / rowHeightPx)
  const last = Math.ceil((Math.max(0, viewport.scrollTop) + Math.max(0, viewport.heightPx)) / rowHeightPx)
  return {
    start: Math.min(rowCount, Math.max(0, first - overscan)),
    end: Math.min(rowCount, last + overscan),
  }
}

/** The scrollTop that brings a row fully into view with the least movement; the same one if it is. */
export function scrollTopToReveal(index: number, viewport: Viewport, rowHeightPx: number): number {
  const rowTop = index * rowHeightPx
  const rowBottom = rowTop + rowHeightPx
  if (rowTop < viewport.scrollTop) return rowTop
  if (rowBottom > viewport.scrollTop + viewport.heightPx) return Math.max(0, rowBottom - viewport.heightPx)
  return viewport.scrollTop
}

/** How many rows PageUp/PageDown move: a screenful less one, so a row of context stays. */
export function rowsPerPage(viewport: Viewport, rowHeightPx: number): number {
  return Math.max(1, Math.floor(viewport.heightPx / rowHeightPx) - 1)
}

export function sameWindow(a: VirtualWindow, b: VirtualWindow): boolean {
  return a.start === b.start && a.end === b.end
}
