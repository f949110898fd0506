import { useEffect, useState } from 'react'

/** The wall clock, refreshed every `periodMs`: the one timer behind every relative age on screen. */
export function useNowMs(periodMs: number): number {
  const [nowMs, setNowMs] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNowMs(Date.now()), periodMs)
    return () => window.clearInterval(timer)
  }, [periodMs])
  return nowMs
}
