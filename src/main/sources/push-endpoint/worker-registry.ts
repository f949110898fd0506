/**
 * The workers seed 000's manager would list at `GET /workers`, in its record shape, with its statuses:
 * `registering`/`registered` (as registered), `connected` (WebSocket accepted), `alive` (each frame),
 * `disconnected` (WebSocket closed), `not_responding` (no frame for 15 s, not disconnected).
 * Bounded: past the limit the longest-silent disconnected worker makes room, else registration is refused.
 */

/** The manager's HEARTBEAT_TIMEOUT, after which its checker writes `not_responding`. */
const NOT_RESPONDING_AFTER_MS = 15_000

/** One record, as seed 000's manager keeps it in its `workers` hash. */
export interface Seed000WorkerRecord {
  worker_id: string
  worker_name: string | null
  host: string | null
  port: number | string | null
  status: string
  last_heartbeat: string
}

interface Entry {
  workerId: string
  workerName: string | null
  host: string | null
  port: number | string | null
  status: string
  lastHeartbeatWallMs: number
}

export interface Registration {
  workerName: string | null
  host: string | null
  port: number | string | null
  status: string
}

export class WorkerRegistry {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly maxWorkers: number) {}

  get size(): number {
    return this.entries.size
  }

  /** False when full of workers that are still connected: the caller refuses the registration. */
  register(workerId: string, registration: Registration, wallMs: number): boolean {
    if (!this.entries.has(workerId) && !this.makeRoom()) return false
    this.entries.set(workerId, { workerId, ...registration, lastHeartbeatWallMs: wallMs })
    return true
  }

  /**
   * A WebSocket accepted for an id we never saw registered (we restarted; its worker reconnects without
   * registering again): listed with what the connection tells, so `GET /workers` is not missing it.
   */
  connected(workerId: string, remoteHost: string | null, wallMs: number): void {
    const entry = this.entries.get(workerId)
    if (entry) entry.status = 'connected'
    else if (this.makeRoom()) {
      this.entries.set(workerId, {
        workerId,
        workerName: null,
        host: remoteHost,
        port: null,
        status: 'connected',
        lastHeartbeatWallMs: wallMs,
      })
    }
  }

  beat(workerId: string, wallMs: number): void {
    const entry = this.entries.get(workerId)
    if (!entry) return
    entry.status = 'alive'
    entry.lastHeartbeatWallMs = wallMs
  }

  disconnected(workerId: string): void {
    const entry = this.entries.get(workerId)
    if (entry) entry.status = 'disconnected'
  }

  /** `{worker_id: record}`, as the manager's `GET /workers` answers. */
  list(wallMs: number): Record<string, Seed000WorkerRecord> {
    const records: Record<string, Seed000WorkerRecord> = {}
    for (const entry of this.entries.values()) {
      const silent = wallMs - entry.lastHeartbeatWallMs > NOT_RESPONDING_AFTER_MS
      records[entry.workerId] = {
        worker_id: entry.workerId,
        worker_name: entry.workerName,
        host: entry.host,
        port: entry.port,
        status: silent && entry.status !== 'disconnected' ? 'not_responding' : entry.status,
        last_heartbeat: pythonLocalTimestamp(entry.lastHeartbeatWallMs),
      }
    }
    return records
  }

  private makeRoom(): boolean {
    if (this.entries.size < this.maxWorkers) return true
    let oldest: Entry | null = null
    for (const entry of this.entries.values()) {
      if (entry.status !== 'disconnected') continue
      if (oldest === null || entry.lastHeartbeatWallMs < oldest.lastHeartbeatWallMs) oldest = entry
    }
    if (oldest === null) return false
    this.entries.delete(oldest.workerId)
    return true
  }
}

/** Python's `str(datetime.now())`, as the manager writes it: naive local time, micros omitted at zero. */
export function pythonLocalTimestamp(wallMs: number): string {
  const at = new Date(wallMs)
  const pad = (value: number): string => String(value).padStart(2, '0')
  const seconds = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`
  const micros = at.getMilliseconds() * 1000
  return micros === 0 ? seconds : `${seconds}.${String(micros).padStart(6, '0')}`
}
