import { SERVICE_STATES } from '../../../shared/model'
import { useServiceList } from '../hooks/use-service-list'
import type { ListRow } from '../service-rows'
import { useHeartbeatStore } from '../store'
import { ui, useUiStore } from '../ui-store'
import { DetailPane } from './detail/DetailPane'
import { FilterBar } from './list/FilterBar'
import { ServiceList } from './list/ServiceList'
import { WaitingForHeartbeats } from './WaitingForHeartbeats'

/** From the search box into the list, onto the first instance unless the keyboard is already on a row. */
function enterList(rows: readonly ListRow[]): void {
  const { cursorKey } = useUiStore.getState()
  if (!rows.some((row) => row.key === cursorKey)) {
    const first = rows.find((row) => row.kind === 'instance') ?? rows[0]
    if (first) ui.moveCursor(first.key)
  }
  document.querySelector<HTMLElement>('[data-testid="service-list"]')?.focus()
}

export function ServicesView() {
  const list = useServiceList()
  const hasSnapshot = useHeartbeatStore((state) => state.hasSnapshot)
  const sources = useHeartbeatStore((state) => state.sources)
  const selectedId = useUiStore((state) => state.selectedId)
  const textMatches = SERVICE_STATES.reduce((sum, state) => sum + list.counts[state], 0)

  let body: React.ReactNode
  if (!hasSnapshot) body = <p className="placeholder">Connecting to the engine…</p>
  else if (list.total === 0) body = <WaitingForHeartbeats sources={sources} />
  else if (list.rows.length === 0)
    body = (
      <div className="placeholder" data-testid="no-match">
        <p>No instance matches.</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            ui.setText('')
            ui.allStates()
          }}
        >
          Clear filters
        </button>
      </div>
    )
  else body = <ServiceList rows={list.rows} />

  return (
    <div className="services-view" data-detail-open={selectedId !== null}>
      <FilterBar counts={list.counts} textMatches={textMatches} onLeaveDown={() => enterList(list.rows)} />
      <div className="services-body">
        <div className="list-pane">{body}</div>
        {selectedId !== null && <DetailPane id={selectedId} />}
      </div>
    </div>
  )
}
