/**
 * What a SQLite source needs to know of the database it reads: which registry table to watch (found in
 * `sqlite_master`, since PrismQ's code and seed 003's document name different tables), and the depth
 * of the `task_queue` beside it. Read-only queries, each re-run every poll: tables come and go.
 */
import { REGISTRY_TABLES, type RegistryTable } from '../core/urls/sqlite-url'
import { sqliteTimeMs } from '../core/sqlite-time'
import type { SqliteDatabase } from './sqlite-driver'
import type { SourceDetails } from './source'

export interface RegistryTableChoice {
  /** As the schema spells it (SQLite names are case-insensitive). */
  name: string
  /** The column that changes when a worker beats. */
  beatColumn: string
}

export type TableLookup = { ok: true; table: RegistryTableChoice } | { ok: false; error: string }

/** PrismQ's code writes heartbeat_utc, seed 003's document last_heartbeat. */
const BEAT_COLUMNS = ['heartbeat_utc', 'last_heartbeat']

export function findRegistryTable(
  db: SqliteDatabase,
  path: string,
  forced: RegistryTable | null,
): TableLookup {
  const names = tableNames(db)
  const wanted = forced ? [forced] : REGISTRY_TABLES
  let name: string | undefined
  for (const candidate of wanted) {
    name = names.find((existing) => existing.toLowerCase() === candidate)
    if (name !== undefined) break
  }
  if (name === undefined) {
    const found = names.length === 0 ? 'it has no tables yet' : `tables: ${names.join(', ')}`
    return { ok: false, error: `no ${wanted.join(' or ')} table in ${path} (${found})` }
  }
  const columns = columnNames(db, name)
  // A table with both columns beats in the one its name stands for, as the decoder reads it.
  const beatColumns = name.toLowerCase() === 'worker_registry' ? [...BEAT_COLUMNS].reverse() : BEAT_COLUMNS
  const beatColumn = beatColumns.find((column) => columns.includes(column))
  const missing = [
    ...(columns.includes('worker_id') ? [] : ['worker_id']),
    ...(beatColumn ? [] : [BEAT_COLUMNS.join(' or ')]),
  ]
  if (missing.length > 0 || beatColumn === undefined) {
    return {
      ok: false,
      error: `table ${name} has no ${missing.join(' and ')} column, so it is not a worker registry (columns: ${columns.join(', ')})`,
    }
  }
  return { ok: true, table: { name, beatColumn } }
}

export function readRows(db: SqliteDatabase, table: string): Record<string, unknown>[] {
  return db.prepare(`SELECT * FROM ${quoteName(table)}`).all() as Record<string, unknown>[]
}

/** The statuses PrismQ's queue moves a task through, always shown, zero when empty. */
const TASK_STATUSES = ['queued', 'leased', 'processing', 'completed', 'failed']
/** Other statuses (dead_letter, claimed, …) are shown too, up to this many. */
const MAX_EXTRA_STATUSES = 10
/** PrismQ's task_queue has created_at_utc; other queues name their enqueue time otherwise. */
const ENQUEUED_COLUMNS = [
  'created_at_utc',
  'created_at',
  'created_utc',
  'enqueued_at',
  'enqueued_utc',
  'created',
  'submitted_at',
]

/**
 * The registry table's name, and with a `task_queue` (seed 004): tasks by status and the age of the
 * oldest queued one in seconds, from its enqueue time when the table has one (as PrismQ's own
 * get_queue_metrics computes it), else null.
 */
export function sourceDetails(db: SqliteDatabase, table: string, nowWallMs: number): SourceDetails {
  const details: SourceDetails = { table }
  const taskQueue = tableNames(db).find((name) => name.toLowerCase() === 'task_queue')
  if (taskQueue === undefined) return details
  const columns = columnNames(db, taskQueue)
  if (!columns.includes('status')) return details
  const quoted = quoteName(taskQueue)
  for (const status of TASK_STATUSES) details[`tasks_${status}`] = 0
  const counts = db
    .prepare(`SELECT status, COUNT(*) AS count FROM ${quoted} GROUP BY status ORDER BY count DESC`)
    .all() as { status: unknown; count: number }[]
  let extra = 0
  for (const { status, count } of counts) {
    const name = status === null ? 'without status' : String(status)
    if (!TASK_STATUSES.includes(name) && ++extra > MAX_EXTRA_STATUSES) continue
    details[`tasks_${name}`] = count
  }
  const enqueued = ENQUEUED_COLUMNS.find((column) => columns.includes(column))
  let ageS: number | null = null
  if (enqueued !== undefined) {
    const row = db
      .prepare(`SELECT MIN(${quoteName(enqueued)}) AS oldest FROM ${quoted} WHERE status = 'queued'`)
      .get() as { oldest: unknown } | undefined
    const oldestMs = sqliteTimeMs(row?.oldest)
    if (oldestMs !== null) ageS = Math.max(0, Math.round((nowWallMs - oldestMs) / 1000))
  }
  details.oldest_queued_age_s = ageS
  return details
}

function tableNames(db: SqliteDatabase): string[] {
  const rows = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[]
  return rows.map((row) => row.name)
}

function columnNames(db: SqliteDatabase, table: string): string[] {
  const rows = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]
  return rows.map((row) => row.name)
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
