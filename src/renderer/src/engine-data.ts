/** What the renderer knows of the engine, and how each engine event changes it. Pure, for testing. */
import type { EngineEvent } from '../../shared/api'
import type {
  AlertState,
  Delta,
  ServiceView,
  SourceView,
  TransitionView,
  UserSettings,
} from '../../shared/model'

export const HISTORY_LIMIT = 500

export interface EngineData {
  /** Keyed by ServiceView.id. */
  services: Record<string, ServiceView>
  sources: SourceView[]
  /** Null until the first snapshot. */
  settings: UserSettings | null
  alerts: AlertState
  /** Oldest first, at most HISTORY_LIMIT. */
  history: TransitionView[]
  /** False until the first snapshot, so "nothing yet" and "nothing at all" look different. */
  hasSnapshot: boolean
}

export const NO_ENGINE_DATA: EngineData = {
  services: {},
  sources: [],
  settings: null,
  alerts: { snoozedUntil: null },
  history: [],
  hasSnapshot: false,
}

/** A snapshot replaces everything; a delta patches. Returns `data` itself when nothing changed. */
export function applyEngineEvent(data: EngineData, event: EngineEvent): EngineData {
  if (event.type === 'snapshot') {
    const { services, sources, history, settings, alerts } = event.snapshot
    return {
      services: Object.fromEntries(services.map((service) => [service.id, service])),
      sources,
      settings,
      alerts,
      history: history.slice(-HISTORY_LIMIT),
      hasSnapshot: true,
    }
  }
  return applyDelta(data, event.delta)
}

function applyDelta(data: EngineData, delta: Delta): EngineData {
  const servicesChanged = delta.services.length > 0 || delta.removed.length > 0
  const sourcesChanged = delta.sources.length > 0 || delta.removedSources.length > 0
  const settingsChanged = delta.settings !== undefined || delta.alerts !== undefined
  if (!servicesChanged && !sourcesChanged && !settingsChanged && delta.transitions.length === 0) return data
  return {
    ...data,
    settings: delta.settings ?? data.settings,
    alerts: delta.alerts ?? data.alerts,
    services: servicesChanged ? patchServices(data.services, delta) : data.services,
    sources: sourcesChanged ? patchSources(data.sources, delta) : data.sources,
    history:
      delta.transitions.length > 0
        ? [...data.history, ...delta.transitions].slice(-HISTORY_LIMIT)
        : data.history,
  }
}

/** Removals first, so an id both removed and updated in one delta (a purge then a return) stays. */
function patchServices(services: Record<string, ServiceView>, delta: Delta): Record<string, ServiceView> {
  const patched = { ...services }
  for (const id of delta.removed) delete patched[id]
  for (const service of delta.services) patched[service.id] = service
  return patched
}

/** Keeps the sources in their first-seen order. */
function patchSources(sources: SourceView[], delta: Delta): SourceView[] {
  const byId = new Map(sources.map((source) => [source.id, source]))
  for (const id of delta.removedSources) byId.delete(id)
  for (const source of delta.sources) byId.set(source.id, source)
  return [...byId.values()]
}
