import { SERVICE_STATES } from '../../../shared/model'
import { useServiceList } from '../hooks/use-service-list'
import { matchesSearch, searchTerms, type ListRow } from '../service-rows'
import { useHeartbeatStore } from '../store'
import { ui, useUiStore } from '../ui-store'
import { DetailPane } from './detail/DetailPane'
import { FilterBar } from './list/FilterBar'
import { ServiceList } from './list/ServiceList'
import { WaitingForHeartbeats } from './WaitingForHeartbeats'

/**
 * From the search box into the list, onto the first instance unless the keyboard is already on a row.
 * The rows are built from a deferred copy of the search text, which may lag the last keystrokes: the
 * row chosen must match the text as typed, or the cursor lands on a row about to be filtered away.
 */
function enterList(rows: readonly ListRow[]): void {
  const { cursorKey, text } = useUiStore.getState()
  const { services } = useHeartbeatStore.getState()
  const terms = searchTerms(text)
  const matches = (row: ListRow): boolean => {
    if (row.kind !== 'instance') return terms.length === 0
    const instance = services.get(row.id)
    return instance !== undefined && matchesSearch(instance, terms)
  }
  if (!rows.some((row) => row.key === cursorKey && matches(row))) {
    const first = rows.find((row) => row.kind === 'instance' && matches(row)) ?? rows[0]
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
