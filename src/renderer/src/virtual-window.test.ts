import { describe, expect, it } from 'vitest'
import { rowsPerPage, scrollTopToReveal, visibleWindow } from './virtual-window'

describe('virtual window', () => {
  it('renders only the rows in view plus the overscan, whatever the row count', () => {
    expect(visibleWindow({ scrollTop: 0, heightPx: 380 }, 38, 10_000, 5)).toEqual({ start: 0, end: 15 })
    expect(visibleWindow({ scrollTop: 3_800, heightPx: 380 }, 38, 10_000, 5)).toEqual({ start: 95, end: 115 })
    expect(visibleWindow({ scrollTop: 380_000, heightPx: 380 }, 38, 10_000, 5)).toEqual({
      start: 9_995,
      end: 10_000,
    })
  })

  it('copes with partial rows, no rows and odd input', () => {
    expect(visibleWindow({ scrollTop: 19, heightPx: 40 }, 38, 100, 0)).toEqual({ start: 0, end: 2 })
    expect(visibleWindow({ scrollTop: 0, heightPx: 400 }, 38, 0, 5)).toEqual({ start: 0, end: 0 })
    expect(visibleWindow({ scrollTop: -50, heightPx: 76 }, 38, 3, 0)).toEqual({ start: 0, end: 2 })
  })

  it('scrolls as little as possible to reveal a row', () => {
    const viewport = { scrollTop: 380, heightPx: 380 }
    expect(scrollTopToReveal(12, viewport, 38)).toBe(380)
    expect(scrollTopToReveal(5, viewport, 38)).toBe(190)
    expect(scrollTopToReveal(20, viewport, 38)).toBe(418)
  })

  it('pages by a screenful less one row', () => {
    expect(rowsPerPage({ scrollTop: 0, heightPx: 380 }, 38)).toBe(9)
    expect(rowsPerPage({ scrollTop: 0, heightPx: 10 }, 38)).toBe(1)
  })
})
