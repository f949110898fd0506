/** The engine's clocks: monotonic for liveness, wall for display. */
import { performance } from 'node:perf_hooks'
import type { Instant } from './core/monitor'

/**
 * Monotonic time in whole milliseconds: a fraction of one means nothing to liveness, and V8 keeps a
 * whole number below 2^31 (25 days of uptime) inside the field it is written to, where a fraction is a
 * new heap object on every heartbeat for the garbage collector to chase: a tenth of the engine's cost
 * under a flood.
 */
export function realNow(): Instant {
  return { monoMs: Math.floor(performance.now()), wallMs: Date.now() }
}

/** A run longer than this many messages takes a fresh reading: ~1 ms of work at a few µs each. */
const MAX_SHARED_READS = 256

/**
 * When messages arrived. The messages of one socket read are handled in one synchronous run and arrived
 * together, so they share one reading of both clocks, dropped when the run ends: reading the clocks
 * cost more per message than decoding it.
 */
export class ArrivalClock {
  private instant: Instant | null = null
  private reads = 0
  private readonly endRun = (): void => {
    this.instant = null
  }

  now(): Instant {
    if (this.instant !== null && this.reads < MAX_SHARED_READS) {
      this.reads++
      return this.instant
    }
    if (this.instant === null) queueMicrotask(this.endRun)
    this.instant = realNow()
    this.reads = 1
    return this.instant
  }
}
