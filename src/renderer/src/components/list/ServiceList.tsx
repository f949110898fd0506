import { useCallback, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { useVirtualWindow } from '../../hooks/use-virtual-window'
import type { ListRow } from '../../service-rows'
import { ui, useUiStore } from '../../ui-store'
import { rowsPerPage, scrollTopToReveal } from '../../virtual-window'
import { GoneRow, ServiceRow, SourceRow } from './GroupRows'
import { InstanceRow } from './InstanceRow'
import { COLUMNS, OVERSCAN_ROWS, ROW_HEIGHT_PX } from './list-columns'
import { listKeyAction } from './list-keys'
import { rowDomId } from './RowFrame'

/**
 * The services list as a tree grid, virtualized: whatever the number of instances, only the rows in
 * view (and a few either side) are in the DOM. Keyboard: ↑ ↓ PageUp PageDown Home End move, Enter opens,
 * ← → close and open groups.
 */
export function ServiceList({ rows }: { rows: readonly ListRow[] }) {
  const scroller = useRef<HTMLDivElement>(null)
  const { start, end } = useVirtualWindow(scroller, rows.length, ROW_HEIGHT_PX, OVERSCAN_ROWS)
  const cursorKey = useUiStore((state) => state.cursorKey)
  const cursorIndex = useMemo(
    () => (cursorKey === null ? -1 : rows.findIndex((row) => row.key === cursorKey)),
    [rows, cursorKey],
  )
  // Read by stable callbacks, so rows (memoized) need not re-render when the list rebuilds.
  const rowsRef = useRef(rows)
  useLayoutEffect(() => {
    rowsRef.current = rows
  }, [rows])

  const reveal = useCallback((index: number) => {
    const element = scroller.current
    if (!element) return
    const viewport = { scrollTop: element.scrollTop, heightPx: element.clientHeight }
    const scrollTop = scrollTopToReveal(index, viewport, ROW_HEIGHT_PX)
    if (scrollTop !== element.scrollTop) element.scrollTop = scrollTop
  }, [])

  const move = useCallback(
    (index: number) => {
      const row = rowsRef.current[index]
      if (!row) return
      ui.moveCursor(row.key)
      reveal(index)
      // With the detail open, it follows the keyboard, as a preview pane does.
      if (row.kind === 'instance' && useUiStore.getState().selectedId !== null) ui.openInstance(row.id)
    },
    [reveal],
  )

  const activate = useCallback((index: number) => {
    const row = rowsRef.current[index]
    if (!row) return
    ui.moveCursor(row.key)
    switch (row.kind) {
      case 'instance':
        return ui.openInstance(row.id)
      case 'service':
        return ui.toggleService(row.rollup.id)
      case 'source':
        return ui.toggleSource(row.sourceId)
      case 'gone':
        return ui.toggleGone(row.serviceId)
    }
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const element = scroller.current
    const pageRows = element
      ? rowsPerPage({ scrollTop: 0, heightPx: element.clientHeight }, ROW_HEIGHT_PX)
      : 10
    const action = listKeyAction(event.key, rows, cursorIndex, pageRows)
    if (action.type === 'none') return
    event.preventDefault()
    if (action.type === 'move') move(action.index)
    else activate(action.index)
  }

  const rendered: React.ReactNode[] = []
  for (let index = start; index < Math.min(end, rows.length); index++) {
    const row = rows[index] as ListRow
    const position = { index, cursor: index === cursorIndex, onActivate: activate }
    switch (row.kind) {
      case 'instance':
        rendered.push(<InstanceRow key={row.key} id={row.id} nested={row.nested} {...position} />)
        break
      case 'service':
        rendered.push(
          <ServiceRow key={row.key} rollup={row.rollup} collapsed={row.collapsed} {...position} />,
        )
        break
      case 'source':
        rendered.push(
          <SourceRow
            key={row.key}
            sourceId={row.sourceId}
            instanceCount={row.instanceCount}
            counts={row.counts}
            collapsed={row.collapsed}
            {...position}
          />,
        )
        break
      case 'gone':
        rendered.push(<GoneRow key={row.key} count={row.count} expanded={row.expanded} {...position} />)
        break
    }
  }

  return (
    <div
      className="service-list"
      role="treegrid"
      aria-label="Services"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={cursorIndex >= start && cursorIndex < end ? rowDomId(cursorIndex) : undefined}
      tabIndex={0}
      data-testid="service-list"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="list-head">
        <div role="row" className="row row-head" aria-rowindex={1}>
          {COLUMNS.map((column, index) => (
            <span key={index} role="columnheader">
              {column}
            </span>
          ))}
        </div>
      </div>
      <div ref={scroller} className="list-scroll" role="rowgroup" data-testid="service-list-scroll">
        <div className="list-spacer" style={{ height: rows.length * ROW_HEIGHT_PX }}>
          {rendered}
        </div>
      </div>
    </div>
  )
}
