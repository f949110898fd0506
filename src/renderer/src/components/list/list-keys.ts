/** What each key does in the services list, as a pure decision over the rows (tested without a DOM). */
import type { ListRow } from '../../service-rows'

export type ListAction =
  | { type: 'move'; index: number }
  | { type: 'activate'; index: number }
  | { type: 'expand'; index: number; open: boolean }
  | { type: 'none' }

export function listKeyAction(
  key: string,
  rows: readonly ListRow[],
  cursor: number,
  pageRows: number,
): ListAction {
  const last = rows.length - 1
  if (last < 0) return { type: 'none' }
  const at = Math.min(Math.max(cursor, 0), last)
  const row = rows[at] as ListRow
  switch (key) {
    case 'ArrowDown':
      return { type: 'move', index: cursor < 0 ? 0 : Math.min(at + 1, last) }
    case 'ArrowUp':
      return { type: 'move', index: cursor < 0 ? 0 : Math.max(at - 1, 0) }
    case 'PageDown':
      return { type: 'move', index: Math.min(at + pageRows, last) }
    case 'PageUp':
      return { type: 'move', index: Math.max(at - pageRows, 0) }
    case 'Home':
      return { type: 'move', index: 0 }
    case 'End':
      return { type: 'move', index: last }
    case 'Enter':
    case ' ':
      return cursor < 0 ? { type: 'move', index: 0 } : { type: 'activate', index: at }
    case 'ArrowRight':
      return isOpen(row) === false ? { type: 'expand', index: at, open: true } : { type: 'none' }
    case 'ArrowLeft': {
      if (isOpen(row) === true) return { type: 'expand', index: at, open: false }
      const parent = parentIndex(rows, at)
      return parent === null ? { type: 'none' } : { type: 'move', index: parent }
    }
    default:
      return { type: 'none' }
  }
}

/** Open, closed, or null for a row that holds nothing. */
function isOpen(row: ListRow): boolean | null {
  switch (row.kind) {
    case 'source':
    case 'service':
      return !row.collapsed
    case 'gone':
      return row.expanded
    case 'instance':
      return null
  }
}

const LEVEL: Record<ListRow['kind'], number> = { source: 1, service: 2, gone: 3, instance: 3 }

function levelOf(row: ListRow): number {
  return row.kind === 'instance' && !row.nested ? 2 : LEVEL[row.kind]
}

/** The row this one sits under: the nearest one above at a lower level. */
function parentIndex(rows: readonly ListRow[], index: number): number | null {
  const level = levelOf(rows[index] as ListRow)
  for (let above = index - 1; above >= 0; above--) if (levelOf(rows[above] as ListRow) < level) return above
  return null
}
