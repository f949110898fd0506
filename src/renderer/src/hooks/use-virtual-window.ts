import { useRef, useState, useSyncExternalStore, type RefObject } from 'react'
import { visibleWindow, type Viewport, type VirtualWindow } from '../virtual-window'

/**
 * The rows of a scroll container to render. The container's scroll position and height are an external
 * store, read only in its own scroll and resize events (reading them after React has changed the DOM
 * would force a layout on every render), and the window is a string, so scrolling re-renders the list
 * only when the window of rows moves, not on every scrolled pixel.
 */
export function useVirtualWindow(
  container: RefObject<HTMLElement | null>,
  rowCount: number,
  rowHeightPx: number,
  overscan: number,
): VirtualWindow {
  const viewport = useRef<Viewport | null>(null)
  // Made once: the container ref is the same object for the life of the list.
  const [subscribe] = useState(() => (onChange: () => void) => {
    const element = container.current
    if (!element) return () => {}
    const measure = (heightPx = element.clientHeight): void => {
      viewport.current = { scrollTop: element.scrollTop, heightPx }
      onChange()
    }
    const onScroll = (): void => measure(viewport.current?.heightPx)
    element.addEventListener('scroll', onScroll, { passive: true })
    // It reports the container's size once at once, after the frame's layout and before its paint:
    // measuring now instead would force a layout of its own, and the rows it corrects a frame of their own.
    const resizes = new ResizeObserver(([entry]) => measure(entry?.contentRect.height))
    resizes.observe(element)
    return () => {
      element.removeEventListener('scroll', onScroll)
      resizes.disconnect()
    }
  })
  const windowKey = useSyncExternalStore(subscribe, () => {
    // Before the container is measured: as many rows as the window is tall, no more. Measuring is a
    // layout of these rows, so every row too many is laid out and then taken away again.
    if (viewport.current === null)
      return `0:${Math.min(rowCount, Math.ceil(window.innerHeight / rowHeightPx))}`
    const { start, end } = visibleWindow(viewport.current, rowHeightPx, rowCount, overscan)
    return `${start}:${end}`
  })
  const [start = 0, end = 0] = windowKey.split(':').map(Number)
  return { start, end }
}
