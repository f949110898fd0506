/** The one timer behind every relative age on screen: a 1 s tick only the visible rows listen to. */
import { create } from 'zustand'

export const TICK_MS = 1_000

export const useClock = create<{ nowMs: number }>()(() => ({ nowMs: Date.now() }))

/** Starts the tick; returns what stops it. */
export function startClock(): () => void {
  const timer = window.setInterval(tickNow, TICK_MS)
  return () => window.clearInterval(timer)
}

/** Brings every age on screen to this instant, out of turn. */
export function tickNow(): void {
  useClock.setState({ nowMs: Date.now() })
}

export function useNowMs(): number {
  return useClock((state) => state.nowMs)
}
