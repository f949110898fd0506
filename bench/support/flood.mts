/** Runs one consumer against a paced flood of seed 001 heartbeats and measures its rate. */
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'

export interface FloodResult {
  perSecond: number
  received: number
  lost: number
}

export interface FloodOptions {
  url: string
  channelPrefix: string
  services: number
  total: number
  /** How far the publisher may run ahead of the consumer. */
  window?: number
  /** Gives up when the consumer makes no progress for this long. */
  stallMs?: number
}

/**
 * `count` reports how many messages the consumer has taken so far. It is read every 2 ms, the same for
 * every consumer, and the rate is measured from the first message received to the last.
 */
export async function measureFlood(options: FloodOptions, count: () => number): Promise<FloodResult> {
  const progress = new SharedArrayBuffer(8)
  const shared = new Int32Array(progress)
  const base = count()
  // Benches run bundled into out/bench/ (bench/run.mjs): the worker sits in support/ beside them.
  const worker = new Worker(new URL('./support/flood-worker.mjs', import.meta.url), {
    workerData: { ...options, window: options.window ?? 5_000, progress },
  })
  let firstAt: number | null = null
  let lastAt = performance.now()
  let lastSeen = 0
  const stallMs = options.stallMs ?? 5_000
  const received = await new Promise<number>((resolve) => {
    const poll = setInterval(() => {
      const now = performance.now()
      const seen = count() - base
      Atomics.store(shared, 0, seen)
      Atomics.notify(shared, 1)
      if (seen > 0 && firstAt === null) firstAt = now
      if (seen !== lastSeen) {
        lastSeen = seen
        lastAt = now
      }
      if (seen >= options.total || now - lastAt > stallMs) {
        clearInterval(poll)
        resolve(seen)
      }
    }, 2)
  })
  await worker.terminate()
  const seconds = (lastAt - (firstAt ?? lastAt)) / 1000
  return {
    perSecond: seconds > 0 ? Math.round(received / seconds) : 0,
    received,
    lost: options.total - received,
  }
}
