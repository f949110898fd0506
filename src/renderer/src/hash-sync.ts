/**
 * Keeps the URL hash and the open view in step, both ways (see route.ts). A hash may name what a
 * notification or the tray is about (src/shared/open-route.ts): a service or a source as well as an
 * instance; those open the service's worst instance, or the sources.
 */
import { hashOf, routeFromHash, type Route } from './route'
import { useHeartbeatStore } from './store'
import { ui, useUiStore } from './ui-store'

export function syncRouteWithHash(): () => void {
  const onHashChange = (): void => {
    const route = routeFromHash(window.location.hash)
    const { tab, selectedId } = useUiStore.getState()
    if (route.tab !== tab || route.selectedId !== selectedId) open(route)
  }
  window.addEventListener('hashchange', onHashChange)
  const unsubscribeUi = useUiStore.subscribe((state, previous) => {
    if (state.tab === previous.tab && state.selectedId === previous.selectedId) return
    const hash = hashOf(state)
    // replaceState: switching views is not navigation the Back button should replay.
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash)
  })
  // A hash read before the first snapshot could not be resolved yet.
  const unsubscribeEngine = useHeartbeatStore.subscribe((state, previous) => {
    if (!state.hasSnapshot || previous.hasSnapshot) return
    const { selectedId } = useUiStore.getState()
    if (selectedId !== null && !state.services.has(selectedId)) ui.openTarget(selectedId)
  })
  return () => {
    window.removeEventListener('hashchange', onHashChange)
    unsubscribeUi()
    unsubscribeEngine()
  }
}

function open(route: Route): void {
  const known = route.selectedId !== null && useHeartbeatStore.getState().hasSnapshot
  if (!known || !ui.openTarget(route.selectedId as string)) ui.setRoute(route)
}
