import { describe, expect, it } from 'vitest'
import { parseSavedWindow, restoreWindow } from './window-bounds'

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 }
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1415 }

describe('window bounds', () => {
  it('opens where the user left it while that is on a screen', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false }
    expect(restoreWindow(saved, [LAPTOP, MONITOR])).toEqual(saved)
  })

  it('falls back to the default size, centred, when its screen is gone', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true }
    expect(restoreWindow(saved, [LAPTOP])).toEqual({ bounds: { width: 1100, height: 720 }, maximized: true })
    expect(restoreWindow(null, [LAPTOP])).toEqual({ bounds: { width: 1100, height: 720 }, maximized: false })
  })

  it('shrinks to the screen it is on, and never below the minimum', () => {
    const huge = { bounds: { x: 0, y: 0, width: 3000, height: 2000 }, maximized: false }
    expect(restoreWindow(huge, [LAPTOP]).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 875 })
    const tiny = { bounds: { x: 10, y: 10, width: 50, height: 20 }, maximized: false }
    expect(restoreWindow(tiny, [LAPTOP]).bounds).toEqual({ x: 10, y: 10, width: 640, height: 420 })
  })

  it('reads only a well-formed saved file', () => {
    expect(parseSavedWindow({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: false })).toEqual({
      bounds: { x: 1, y: 2, width: 3, height: 4 },
      maximized: false,
    })
    expect(parseSavedWindow({ bounds: { x: 'a', y: 2, width: 3, height: 4 }, maximized: false })).toBeNull()
    expect(parseSavedWindow(null)).toBeNull()
    expect(parseSavedWindow({ bounds: { x: 1, y: 2, width: 3, height: 4 } })).toBeNull()
  })
})
