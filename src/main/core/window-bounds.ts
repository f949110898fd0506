/**
 * Where the window opens: where the user left it, as long as that is still on a screen (monitors come
 * and go), else the default size, centred by the system.
 */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface SavedWindow {
  bounds: Rect
  maximized: boolean
}

export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 720 }
export const MIN_WINDOW_SIZE = { width: 640, height: 420 }
/** At least this much of the window must be on a screen for the user to reach its title bar. */
const MIN_VISIBLE = { width: 120, height: 60 }

export function parseSavedWindow(value: unknown): SavedWindow | null {
  if (typeof value !== 'object' || value === null) return null
  const { bounds, maximized } = value as Record<string, unknown>
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return null
  const { x, y, width, height } = bounds as Record<string, unknown>
  const numbers = [x, y, width, height]
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null
  return { bounds: { x, y, width, height } as Rect, maximized }
}

/** The bounds to open with (no x/y: let the system centre it), and whether to maximize. */
export function restoreWindow(
  saved: SavedWindow | null,
  workAreas: readonly Rect[],
): { bounds: Rect | { width: number; height: number }; maximized: boolean } {
  const fallback = { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: saved?.maximized ?? false }
  if (!saved) return fallback
  const { x, y } = saved.bounds
  const atLeastMin = {
    x,
    y,
    width: Math.max(saved.bounds.width, MIN_WINDOW_SIZE.width),
    height: Math.max(saved.bounds.height, MIN_WINDOW_SIZE.height),
  }
  const area = largestOverlap(atLeastMin, workAreas)
  if (!area) return fallback
  const width = Math.min(atLeastMin.width, area.width)
  const height = Math.min(atLeastMin.height, area.height)
  return { bounds: { x, y, width, height }, maximized: saved.maximized }
}

function largestOverlap(bounds: Rect, areas: readonly Rect[]): Rect | null {
  let best: Rect | null = null
  let bestArea = 0
  for (const area of areas) {
    const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x)
    const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y)
    if (width < MIN_VISIBLE.width || height < MIN_VISIBLE.height || width * height <= bestArea) continue
    best = area
    bestArea = width * height
  }
  return best
}
