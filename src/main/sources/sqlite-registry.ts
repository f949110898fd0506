/**
 * A worker registry table in a SQLite file (seeds 003/004, PrismQ): polled read-only, each new or
 * changed row handed over as JSON with its worker_id as key, each vanished row reported removed.
 *
 * PrismQ keeps its database in WAL mode and writes it from other processes. A read-only connection
 * sees every commit as long as no read transaction stays open, so each poll re-runs its queries (each
 * is its own transaction) and nothing is kept between polls but the connection. The schema is looked at
 * every poll too: the registry table may be created after we start, or the file replaced.
 */
import { statSync } from 'node:fs'
import { describeError } from './errors'
import { performance } from 'node:perf_hooks'
import { DEFAULT_MULTIPLIERS } from '../core/interval'
import type { SqliteRegistrySpec } from '../core/urls/sqlite-url'
import type { SourceState } from '../../shared/model'
import { loadBetterSqlite3, type DriverResult, type OpenDatabase, type SqliteDatabase } from './sqlite-driver'
import { findRegistryTable, readRows, sourceDetails, type RegistryTableChoice } from './sqlite-schema'
import type { Removal, Source, SourceListener } from './source'

/**
 * better-sqlite3 is synchronous: waiting for a writer's lock blocks the main thread, so wait briefly
 * and try again next poll instead. Only a lock held for this many polls in a row is reported.
 */
const BUSY_TIMEOUT_MS = 100
const BUSY_POLLS_BEFORE_ERROR = 5

export interface SqliteRegistryOptions {
  /** The interval assumed for the registry's workers: it decides whether a vanished row had just beaten. */
  expectedIntervalMs: number
  loadDriver?: () => DriverResult
}

export class SqliteRegistrySource implements Source {
  private listener: SourceListener | null = null
  private open: OpenDatabase | null = null
  private db: SqliteDatabase | null = null
  /** The file the connection is on (device and inode): a replaced file is reopened. */
  private fileIdentity: string | null = null
  private timer: NodeJS.Timeout | null = null
  private stopped = false
  private firstScan = true
  private busyPolls = 0
  private health: { state: SourceState; error: string | null } | null = null
  private lastDetails: string | null = null
  /** Each row as last handed over, by key. */
  private readonly rows = new Map<string, string>()
  /** Each row's heartbeat value as last read, and when (monotonic ms) we saw it change. */
  private readonly beats = new Map<string, string>()
  private readonly lastBeatAtMs = new Map<string, number>()
  private readonly loadDriver: () => DriverResult

  constructor(
    private readonly spec: SqliteRegistrySpec,
    private readonly options: SqliteRegistryOptions,
  ) {
    this.loadDriver = options.loadDriver ?? (() => loadBetterSqlite3())
  }

  start(listener: SourceListener): void {
    this.listener = listener
    this.report('connecting', null)
    const driver = this.loadDriver()
    if (!driver.ok) {
      // A native module that did not load will not load later in this process: say so once.
      this.report('disconnected', driver.error)
      return
    }
    this.open = driver.open
    this.timer = setTimeout(() => this.poll(), 0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.close()
  }

  /** One poll, then the next one `every` later: a single timer chain, never two polls at once. */
  private poll(): void {
    this.timer = null
    if (this.stopped) return
    try {
      this.scan()
    } catch (error) {
      this.fail(error)
    }
    if (!this.stopped) this.timer = setTimeout(() => this.poll(), this.spec.pollEveryMs)
  }

  private scan(): void {
    const db = this.connection()
    if (db === null) return
    const lookup = findRegistryTable(db, this.spec.path, this.spec.table)
    if (!lookup.ok) {
      this.report('disconnected', lookup.error)
      return
    }
    const rows = readRows(db, lookup.table.name)
    const details = sourceDetails(db, lookup.table.name, Date.now())
    this.busyPolls = 0
    this.report('connected', null)
    this.deliver(lookup.table, rows)
    const detailsJson = JSON.stringify(details)
    if (detailsJson !== this.lastDetails) {
      this.lastDetails = detailsJson
      this.listener?.details(details)
    }
  }

  /** The open connection, opened or reopened as the file requires; null when there is no file. */
  private connection(): SqliteDatabase | null {
    const identity = fileIdentity(this.spec.path)
    if (identity === null) {
      this.close()
      this.report('disconnected', `database file not found: ${this.spec.path}`)
      return null
    }
    if (this.db !== null && identity !== this.fileIdentity) this.close()
    if (this.db === null && this.open !== null) {
      this.db = this.open(this.spec.path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS })
      this.fileIdentity = identity
      this.firstScan = true
    }
    return this.db
  }

  private deliver(table: RegistryTableChoice, rows: readonly Record<string, unknown>[]): void {
    const listener = this.listener
    if (!listener) return
    const nowMs = performance.now()
    const initialScan = this.firstScan
    this.firstScan = false
    const seen = new Set<string>()
    for (const row of rows) {
      const key = keyOf(row)
      // Without a PRIMARY KEY an id can repeat; the first row wins, or the two would alternate.
      if (seen.has(key)) continue
      seen.add(key)
      const beat = String(row[table.beatColumn] ?? '')
      // A beat is a change seen between two polls, or a row that appeared while we watched.
      if (!initialScan && beat !== this.beats.get(key)) this.lastBeatAtMs.set(key, nowMs)
      this.beats.set(key, beat)
      const json = rowJson(row)
      if (!initialScan && this.rows.get(key) === json) continue
      this.rows.set(key, json)
      listener.message(json, table.name, { key, initialScan })
    }
    for (const key of this.rows.keys()) {
      if (seen.has(key)) continue
      const how = this.removalOf(key, nowMs)
      this.rows.delete(key)
      this.beats.delete(key)
      this.lastBeatAtMs.delete(key)
      listener.removed(key, how)
    }
  }

  /**
   * PrismQ deletes a worker's row on two paths: its own shutdown (remove_worker in the SIGTERM
   * handler, seed 004), moments after a heartbeat, and a cleanup job that deletes only rows older
   * than its stale threshold (300 s by default, "2-3x heartbeat interval" at least). A row that beat
   * within our own stale threshold, plus one poll of lag, was alive when it left: a clean stop.
   * Anything else, or a row whose beat we never saw change, left otherwise: gone.
   */
  private removalOf(key: string, nowMs: number): Removal {
    const lastBeatMs = this.lastBeatAtMs.get(key)
    const windowMs = this.options.expectedIntervalMs * DEFAULT_MULTIPLIERS.staleFactor + this.spec.pollEveryMs
    return lastBeatMs !== undefined && nowMs - lastBeatMs <= windowMs ? 'stopped' : 'gone'
  }

  private fail(error: unknown): void {
    const message = describeError(error)
    if (isBusy(error)) {
      // A writer holds the lock (a rollback-journal database, or WAL recovery): try again next poll.
      // The text stays the same while the lock lasts, so it is reported once.
      if (++this.busyPolls < BUSY_POLLS_BEFORE_ERROR) return
      this.report('disconnected', `database locked for ${BUSY_POLLS_BEFORE_ERROR} polls in a row: ${message}`)
      return
    }
    // Unreadable, corrupt, not a database: reopen from scratch next poll.
    this.close()
    this.report('disconnected', message.includes(this.spec.path) ? message : `${message}: ${this.spec.path}`)
  }

  private report(state: SourceState, error: string | null): void {
    if (state === 'disconnected') this.firstScan = true
    if (this.health?.state === state && this.health.error === error) return
    this.health = { state, error }
    this.listener?.health(state, error)
  }

  private close(): void {
    const db = this.db
    this.db = null
    this.fileIdentity = null
    try {
      db?.close()
    } catch {
      // Closing a connection that failed is best effort; nothing is left to release.
    }
  }
}

/** The worker_id, or for a row without one the row itself (the decoder will refuse and count it). */
function keyOf(row: Record<string, unknown>): string {
  const id = row.worker_id
  if (typeof id === 'string') return id.trim()
  if (typeof id === 'number') return String(id)
  return `row without worker_id: ${rowJson(row)}`
}

/** The row as JSON; a BLOB is written as SQLite writes a blob literal, x'…'. */
function rowJson(row: Record<string, unknown>): string {
  const plain: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(row)) {
    plain[column] = value instanceof Uint8Array ? `x'${Buffer.from(value).toString('hex')}'` : value
  }
  return JSON.stringify(plain)
}

function fileIdentity(path: string): string | null {
  try {
    const stat = statSync(path)
    return `${stat.dev}:${stat.ino}`
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}
