/** What the user is looking at: the open view and instance, the list's filter, sort and open groups. */
import { create } from 'zustand'
import type { ServiceState } from '../../shared/model'
import { resolveTarget } from './open-target'
import { routeFromHash, type Route, type Tab } from './route'
import type { SortMode } from './service-order'
import { instanceRowKey } from './service-rows'
import { useHeartbeatStore } from './store'

export interface UiState extends Route {
  states: ReadonlySet<ServiceState>
  text: string
  sort: SortMode
  collapsedSources: ReadonlySet<string>
  collapsedServices: ReadonlySet<string>
  expandedGone: ReadonlySet<string>
  /** The row the keyboard is on (a ListRow key). */
  cursorKey: string | null
  /** Bumped to ask the search box to take focus ("/"). */
  searchFocusRequest: number
}

const SORT_KEY = 'heartbeat-tray.sort'

function initialSort(): SortMode {
  const saved = globalThis.localStorage?.getItem(SORT_KEY)
  return saved === 'name' || saved === 'age' ? saved : 'severity'
}

export const useUiStore = create<UiState>()(() => ({
  ...routeFromHash(globalThis.location?.hash ?? ''),
  states: new Set(),
  text: '',
  sort: initialSort(),
  collapsedSources: new Set(),
  collapsedServices: new Set(),
  expandedGone: new Set(),
  cursorKey: null,
  searchFocusRequest: 0,
}))

const set = useUiStore.setState

export const ui = {
  showTab(tab: Tab): void {
    set({ tab })
  },
  openInstance(id: string): void {
    set({ tab: 'services', selectedId: id, cursorKey: instanceRowKey(id) })
  },
  /** Opens what a notification names: an instance, a service's worst instance, or the sources. */
  openTarget(target: string): boolean {
    const { services, sources } = useHeartbeatStore.getState()
    const resolved = resolveTarget(
      target,
      services,
      sources.map((source) => source.id),
    )
    if (resolved?.kind === 'instance') ui.openInstance(resolved.id)
    else if (resolved?.kind === 'source') set({ tab: 'sources', selectedId: null })
    return resolved !== null
  },
  closeDetail(): void {
    set({ selectedId: null })
  },
  setRoute(route: Route): void {
    set(route)
  },
  moveCursor(key: string | null): void {
    set({ cursorKey: key })
  },
  /** Shows only this state; with `add`, adds it to those shown (or takes it away). */
  pickState(state: ServiceState, add: boolean): void {
    set(({ states }) => {
      if (!add) return { states: states.size === 1 && states.has(state) ? new Set() : new Set([state]) }
      return { states: toggled(states, state) }
    })
  },
  allStates(): void {
    set({ states: new Set() })
  },
  setText(text: string): void {
    set({ text })
  },
  setSort(sort: SortMode): void {
    globalThis.localStorage?.setItem(SORT_KEY, sort)
    set({ sort })
  },
  toggleSource(id: string): void {
    set(({ collapsedSources }) => ({ collapsedSources: toggled(collapsedSources, id) }))
  },
  toggleService(id: string): void {
    set(({ collapsedServices }) => ({ collapsedServices: toggled(collapsedServices, id) }))
  },
  toggleGone(serviceId: string): void {
    set(({ expandedGone }) => ({ expandedGone: toggled(expandedGone, serviceId) }))
  },
  focusSearch(): void {
    set(({ searchFocusRequest }) => ({ tab: 'services', searchFocusRequest: searchFocusRequest + 1 }))
  },
}

function toggled<T>(values: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(values)
  if (!next.delete(value)) next.add(value)
  return next
}
