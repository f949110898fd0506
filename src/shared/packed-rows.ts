/**
 * List rows as the headless WebSocket carries them: each row an array of its fields in one fixed order,
 * not an object that spells out every key again. A snapshot of 10,000 rows is the largest message a UI
 * gets, and every byte of it is written, sent, decoded and parsed before the first full list shows:
 * this halves it. Each source URL is sent once, and a row's id only where it is not the usual
 * `source|service|instance`. Electron's IPC clones objects without text, so only the WebSocket packs.
 */
import type { IntervalOrigin, KeyMetrics, ServiceRow, ServiceState } from './model'
import { instanceIdOf } from './rollup'

export interface PackedRows {
  /** Source ids, referred to by index from each row. */
  sources: string[]
  rows: PackedRow[]
}

/** ServiceRow's fields in one fixed order; `id` null where it is the usual one (instanceIdOf). */
type PackedRow = [
  id: string | null,
  source: number,
  service: string,
  instance: string,
  host: string | null,
  state: ServiceState,
  since: string,
  lastSeen: string | null,
  expectedIntervalMs: number,
  intervalOrigin: IntervalOrigin,
  reported: string | null,
  heartbeats: number,
  metrics: KeyMetrics,
  replacedBy: string | null,
  muted: ServiceRow['muted'],
  flapping: 1 | 0,
]

const FIELD_COUNT = 16

export function packRows(rows: readonly ServiceRow[]): PackedRows {
  const sources: string[] = []
  const sourceIndex = new Map<string, number>()
  const packed = rows.map((row): PackedRow => {
    let source = sourceIndex.get(row.source)
    if (source === undefined) {
      source = sources.push(row.source) - 1
      sourceIndex.set(row.source, source)
    }
    return [
      row.id === instanceIdOf(row.source, row.service, row.instance) ? null : row.id,
      source,
      row.service,
      row.instance,
      row.host,
      row.state,
      row.since,
      row.lastSeen,
      row.expectedIntervalMs,
      row.intervalOrigin,
      row.reported,
      row.heartbeats,
      row.metrics,
      row.replacedBy,
      row.muted,
      row.flapping === true ? 1 : 0,
    ]
  })
  return { sources, rows: packed }
}

/** The rows back; null if `packed` is not what packRows makes, so a bad frame is refused whole. */
export function unpackRows(packed: unknown): ServiceRow[] | null {
  if (!isPackedRows(packed)) return null
  const { sources } = packed
  const rows: ServiceRow[] = new Array(packed.rows.length)
  // Fields read by index: destructuring with a rest element copied an array per row, and this runs
  // for every row of a snapshot before the first list shows.
  for (let index = 0; index < rows.length; index++) {
    const fields = packed.rows[index] as unknown
    if (!Array.isArray(fields) || fields.length !== FIELD_COUNT) return null
    const row = fields as PackedRow
    const source = sources[row[1]]
    const service = row[2]
    const instance = row[3]
    if (source === undefined || typeof service !== 'string' || typeof instance !== 'string') return null
    const unpacked: ServiceRow = {
      id: row[0] ?? instanceIdOf(source, service, instance),
      service,
      instance,
      host: row[4],
      source,
      state: row[5],
      since: row[6],
      lastSeen: row[7],
      expectedIntervalMs: row[8],
      intervalOrigin: row[9],
      reported: row[10],
      heartbeats: row[11],
      metrics: row[12],
      replacedBy: row[13],
      muted: row[14],
    }
    if (row[15] === 1) unpacked.flapping = true
    rows[index] = unpacked
  }
  return rows
}

function isPackedRows(value: unknown): value is PackedRows {
  if (typeof value !== 'object' || value === null) return false
  const { sources, rows } = value as Partial<PackedRows>
  return Array.isArray(sources) && sources.every((id) => typeof id === 'string') && Array.isArray(rows)
}
