/**
 * List rows as the headless WebSocket carries them: each row an array of its fields in one fixed order,
 * not an object that spells out every key again. A snapshot of 10,000 rows is the largest message a UI
 * gets, and every byte of it is written, sent, decoded and parsed before the first full list shows:
 * this halves it. Each source URL is sent once, and a row's id only where it is not the usual
 * `source|service|instance`. Electron's IPC clones objects without text, so only the WebSocket packs.
 */
import type { IntervalOrigin, KeyMetrics, ServiceRow, ServiceState } from './model'

export interface PackedRows {
  /** Source ids, referred to by index from each row. */
  sources: string[]
  rows: PackedRow[]
}

/** ServiceRow's fields in the order of ROW_FIELDS; `id` null where it is the usual one. */
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
      row.id === usualId(row.source, row.service, row.instance) ? null : row.id,
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
  const rows: ServiceRow[] = []
  for (const fields of packed.rows) {
    if (!Array.isArray(fields) || fields.length !== FIELD_COUNT) return null
    const [id, sourceIndex, service, instance, host, state, since, lastSeen, expected, origin, ...rest] =
      fields as PackedRow
    const [reported, heartbeats, metrics, replacedBy, muted, flapping] = rest
    const source = packed.sources[sourceIndex]
    if (source === undefined || typeof service !== 'string' || typeof instance !== 'string') return null
    const row: ServiceRow = {
      id: id ?? usualId(source, service, instance),
      service,
      instance,
      host,
      source,
      state,
      since,
      lastSeen,
      expectedIntervalMs: expected,
      intervalOrigin: origin,
      reported,
      heartbeats,
      metrics,
      replacedBy,
      muted,
    }
    if (flapping === 1) row.flapping = true
    rows.push(row)
  }
  return rows
}

function usualId(source: string, service: string, instance: string): string {
  return `${source}|${service}|${instance}`
}

function isPackedRows(value: unknown): value is PackedRows {
  if (typeof value !== 'object' || value === null) return false
  const { sources, rows } = value as Partial<PackedRows>
  return Array.isArray(sources) && sources.every((id) => typeof id === 'string') && Array.isArray(rows)
}
