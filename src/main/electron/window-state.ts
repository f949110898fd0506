/**
 * Remembers the window's size and position in the data folder (window-state.json), written atomically;
 * a damaged file is moved aside and the window opens at its default size.
 */
import type { BrowserWindow } from 'electron'
import { parseSavedWindow, type SavedWindow } from '../core/window-bounds'
import { readJsonFile, writeFileAtomic } from '../store/atomic-file'

/** Moving or resizing fires many events; the file is written once things are still. */
const SAVE_AFTER_MS = 1_000

export function loadWindowState(file: string, warn: (message: string) => void): SavedWindow | null {
  const read = readJsonFile(
    file,
    (text) => {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch (error) {
        return { ok: false, error: (error as Error).message }
      }
      const saved = parseSavedWindow(value)
      return saved ? { ok: true, value: saved } : { ok: false, error: 'not a window state' }
    },
    Date.now(),
  )
  if (read.kind === 'corrupt') warn(`${file} was unreadable (${read.reason}); moved to ${read.movedTo}`)
  return read.kind === 'ok' ? read.value : null
}

export function rememberWindowState(
  window: BrowserWindow,
  file: string,
  warn: (message: string) => void,
): void {
  let timer: NodeJS.Timeout | null = null
  const save = (): void => {
    if (timer) clearTimeout(timer)
    timer = null
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return
    const state: SavedWindow = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    try {
      writeFileAtomic(file, `${JSON.stringify(state)}\n`)
    } catch (error) {
      warn(`cannot save the window's size and position: ${(error as Error).message}`)
    }
  }
  const saveSoon = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, SAVE_AFTER_MS)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('maximize', saveSoon)
  window.on('unmaximize', saveSoon)
  window.on('close', save)
  window.on('closed', () => {
    if (timer) clearTimeout(timer)
  })
}
