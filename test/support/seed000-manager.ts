/**
 * Writes seed 000's `workers` hash the way its manager does (Sud0112/ManagerWorkerPoC, redis_helper.py):
 * register → HSET with `last_heartbeat = str(datetime.now())`; each heartbeat frame → HGET, status
 * `alive` and a new last_heartbeat, HSET; a status change (connected, disconnected, not_responding) →
 * HGET, status only, HSET. Values are Python json.dumps output.
 */
import type { Cluster, Redis } from 'ioredis'

export interface Seed000Worker {
  worker_id: string
  worker_name: string
  host: string
  port: number
}

/** Python's `str(datetime.now())`: naive local time, space separator, microseconds left out when zero. */
export function pythonNow(date: Date = new Date()): string {
  const two = (n: number): string => String(n).padStart(2, '0')
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
  const time = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  // JavaScript clocks stop at milliseconds; Python's microseconds then end in three zeros.
  const micros = date.getMilliseconds() * 1000
  return micros === 0 ? `${day} ${time}` : `${day} ${time}.${String(micros).padStart(6, '0')}`
}

/** Python's `json.dumps` of a flat dict: `", "` and `": "` separators, non-ASCII escaped. */
export function pythonJsonDumps(object: Record<string, unknown>): string {
  const ascii = (text: string): string =>
    text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const entries = Object.entries(object).map(
    ([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  )
  return ascii(`{${entries.join(', ')}}`)
}

export class Seed000Manager {
  constructor(
    private readonly redis: Redis | Cluster,
    private readonly hashKey: string,
  ) {}

  /** POST /register: the worker's body, with the manager's last_heartbeat. */
  async register(worker: Seed000Worker, status = 'registering', at: Date = new Date()): Promise<void> {
    const record = { ...worker, status, last_heartbeat: pythonNow(at) }
    await this.redis.hset(this.hashKey, worker.worker_id, pythonJsonDumps(record))
  }

  /** One heartbeat frame on the worker's WebSocket. */
  async heartbeat(workerId: string): Promise<void> {
    await this.update(workerId, { status: 'alive', last_heartbeat: pythonNow() })
  }

  /** connected, disconnected (on any WebSocket close, kill -9 included), not_responding (its checker). */
  async setStatus(workerId: string, status: string): Promise<void> {
    await this.update(workerId, { status })
  }

  private async update(workerId: string, changes: Record<string, unknown>): Promise<void> {
    const current = await this.redis.hget(this.hashKey, workerId)
    if (current === null) return
    const record = { ...(JSON.parse(current) as Record<string, unknown>), ...changes }
    await this.redis.hset(this.hashKey, workerId, pythonJsonDumps(record))
  }
}
