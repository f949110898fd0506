/**
 * Which view is open, as a URL hash: `#/services`, `#/services/<instance id>`, `#/sources`, `#/settings`.
 * A link (or the desktop shell, loading `index.html#/services/<id>`) can open an instance's detail.
 */

export type Tab = 'services' | 'sources' | 'settings'

export interface Route {
  tab: Tab
  /** The instance whose detail is open. */
  selectedId: string | null
}

export function routeFromHash(hash: string): Route {
  const [tab, ...rest] = hash.replace(/^#\/?/, '').split('/')
  if (tab === 'sources' || tab === 'settings') return { tab, selectedId: null }
  const encoded = rest.join('/')
  let selectedId: string | null = null
  if (tab === 'services' && encoded !== '') {
    try {
      selectedId = decodeURIComponent(encoded)
    } catch {
      selectedId = null
    }
  }
  return { tab: 'services', selectedId }
}

export function hashOf(route: Route): string {
  if (route.tab !== 'services') return `#/${route.tab}`
  return route.selectedId === null ? '#/services' : `#/services/${encodeURIComponent(route.selectedId)}`
}
