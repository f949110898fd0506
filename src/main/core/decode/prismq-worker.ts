/**
 * Seeds 003/004 (PrismQ's SQLite queue): one row of a worker registry table, as the SQL source hands
 * it over (the row as a JSON object, the table name as channel). Two shapes occur:
 * - `workers(worker_id, capabilities, heartbeat_utc)`, what PrismQ's code writes: `heartbeat_utc` is
 *   SQLite's `datetime('now')`, naive UTC `YYYY-MM-DD HH:MM:SS`; `capabilities` is JSON text that may
 *   hold Python's NaN or not be JSON at all;
 * - `worker_registry(worker_id, status, last_heartbeat, tasks_processed, started_at, metadata)`, seed
 *   003's document: `status` (`active`, `failed`, …) is the worker's reported health.
 * The worker_id is both service and instance (issue 8): PrismQ names workers, it has no service name.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeContext, type DecodeResult } from '../heartbeat'
import { sqliteTimeMs } from '../sqlite-time'
import { parseJsonObject, typeName } from './json-object'
import { parseTolerantJson } from './tolerant-json'

/** Seed 004: "Update heartbeats every 30-60 seconds"; its worker loop sleeps 30 s (seed 003: 30 s too). */
export const PRISMQ_HEARTBEAT_INTERVAL_MS = 30_000

type RowShape = 'workers' | 'worker_registry'

export function decodePrismqWorker(raw: string, context: DecodeContext): DecodeResult {
  const parsed = parseJsonObject(raw)
  if (!parsed.ok) return parsed
  const row = parsed.object
  const shape = rowShape(row, context.channel)
  if (shape === null)
    return reject('row has neither heartbeat_utc (workers) nor last_heartbeat (worker_registry)')

  const workerId = workerIdOf(row.worker_id)
  if (!workerId.ok) return reject(workerId.reason)

  const beat = shape === 'workers' ? row.heartbeat_utc : row.last_heartbeat
  if (beat !== undefined && beat !== null && typeof beat !== 'string' && typeof beat !== 'number') {
    return reject(
      `${shape === 'workers' ? 'heartbeat_utc' : 'last_heartbeat'} must be text, got ${typeName(beat)}`,
    )
  }
  // The JSON text columns are shown parsed when they parse, as the text they are when they do not.
  const jsonColumn = shape === 'workers' ? 'capabilities' : 'metadata'
  const details = jsonText(row[jsonColumn])
  const fields = { ...row, [jsonColumn]: details }
  const status = shape === 'worker_registry' && typeof row.status === 'string' ? row.status : null

  return accept({
    service: workerId.id,
    instance: workerId.id,
    host: hostOf(details),
    sentAtMs: sqliteTimeMs(beat),
    declaredIntervalMs: null,
    reported: status,
    // Neither shape has a goodbye: a row deleted by the worker's own shutdown is the source's business.
    goodbye: false,
    fields,
    // A row that has never beaten (null) is still a registration; its first beat changes the marker.
    beatMarker: beat === undefined || beat === null ? '' : String(beat),
  })
}

/** By its columns, so a table of either shape works under any name; the table name breaks a tie. */
function rowShape(row: Record<string, unknown>, channel: string | null): RowShape | null {
  const hasWorkersBeat = Object.hasOwn(row, 'heartbeat_utc')
  const hasRegistryBeat = Object.hasOwn(row, 'last_heartbeat')
  if (hasWorkersBeat && hasRegistryBeat) return channel === 'worker_registry' ? 'worker_registry' : 'workers'
  if (hasWorkersBeat) return 'workers'
  if (hasRegistryBeat) return 'worker_registry'
  return null
}

type WorkerId = { ok: true; id: string } | { ok: false; reason: string }

function workerIdOf(value: unknown): WorkerId {
  if (value === undefined || value === null) return { ok: false, reason: 'missing worker_id' }
  let id: string
  if (typeof value === 'string') id = value.trim()
  // SQLite's type affinity lets an integer into a TEXT column written by other code.
  else if (typeof value === 'number' && Number.isFinite(value)) id = String(value)
  else return { ok: false, reason: `worker_id must be text, got ${typeName(value)}` }
  if (id === '') return { ok: false, reason: 'worker_id is empty' }
  if (id.length > MAX_NAME_LENGTH) return { ok: false, reason: `worker_id longer than ${MAX_NAME_LENGTH}` }
  return { ok: true, id }
}

function jsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null
  const parsed = parseTolerantJson(value)
  return parsed.ok ? parsed.value : value
}

function hostOf(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null
  const record = details as Record<string, unknown>
  const host = typeof record.host === 'string' ? record.host : record.hostname
  return typeof host === 'string' && host.trim() !== '' ? host.trim() : null
}
