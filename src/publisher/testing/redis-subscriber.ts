/** For tests: a real Redis subscriber on one channel that keeps what arrives, parsed. */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379/0'

export interface ChannelRecorder {
  /** Raw message bodies, in arrival order. */
  readonly bodies: string[]
  parsed(): Record<string, unknown>[]
  /** Resolves once `count` messages arrived; rejects after timeoutMs. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>
  /** Resolves once `done` holds for the parsed messages; rejects after timeoutMs. */
  waitUntil(done: (messages: Record<string, unknown>[]) => boolean, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

/** A service name no parallel test will use. */
export function uniqueServiceName(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`
}

export async function recordChannel(channel: string): Promise<ChannelRecorder> {
  const client = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true })
  await client.connect()
  await client.subscribe(channel)
  const bodies: string[] = []
  const waiters: Array<() => void> = []
  client.on('message', (_channel: string, body: string) => {
    bodies.push(body)
    for (const wake of waiters.splice(0)) wake()
  })
  const parsed = (): Record<string, unknown>[] =>
    bodies.map((body) => JSON.parse(body) as Record<string, unknown>)
  const recorder: ChannelRecorder = {
    bodies,
    parsed,
    waitForCount: (count, timeoutMs) => recorder.waitUntil(() => bodies.length >= count, timeoutMs),
    async waitUntil(done, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs
      while (!done(parsed())) {
        const leftMs = deadline - Date.now()
        if (leftMs <= 0)
          throw new Error(`not there after ${bodies.length} messages on ${channel} (${timeoutMs} ms)`)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, leftMs)
          waiters.push(() => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
    },
    async close() {
      await client.quit()
    },
  }
  return recorder
}
