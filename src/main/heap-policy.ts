/**
 * A tray app lives all day beside the user's own work, so its heap favours size over the last bit of
 * throughput. By default V8 lets the old generation grow to up to four times what survived the last full
 * collection before it collects again: with 10,000 services beating every second, each heartbeat kept
 * until the next one replaces it is promoted and dies in the old generation, and the process saws
 * between 130 and 230 MB (bench/footprint.mts). Growing by at most twice keeps the heap between 25 and
 * 50 MB: a full collection every few seconds instead of every twenty, about 0.3 % of a core there. V8
 * reads the factor at every collection, so setting it once at start-up is enough.
 */
import { setFlagsFromString } from 'node:v8'

const HEAP_GROWING_PERCENT = 100

export function favourSmallHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
}
