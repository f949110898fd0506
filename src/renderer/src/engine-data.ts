/** What the renderer knows of the engine, and how each engine event changes it. Pure, for testing. */
import type { EngineEvent } from '../../shared/api'
import type {
  AlertState,
  Delta,
  ServiceRow,
  ServiceView,
  SourceView,
  TransitionView,
  UserSettings,
} from '../../shared/model'

/** As many transitions as the engine keeps (src/main/core/history.ts). */
export const HISTORY_LIMIT = 1_000

export interface EngineData {
  /**
   * Keyed by ServiceRow.id. A delta patches this map in place rather than copying it (copying 10,000
   * entries four times a second costs more than everything else the renderer does), so read it through
   * the version counters below, which move whenever it does. Each ServiceRow is replaced, never
   * mutated, so a selector on one entry still sees its own changes.
   */
  services: ReadonlyMap<string, ServiceRow>
  /** Bumped by every change to any instance. */
  servicesVersion: number
  /** Bumped only when an instance appears or goes, or changes what places its row (state, host, muted). */
  layoutVersion: number
  sources: SourceView[]
  /** Null until the first snapshot. */
  settings: UserSettings | null
  alerts: AlertState
  /** Oldest first, at most HISTORY_LIMIT. */
  history: TransitionView[]
  /** The whole view of the instance this UI inspects (its detail pane), as last sent; null if none. */
  inspected: ServiceView | null
  /** False until the first snapshot, so "nothing yet" and "nothing at all" look different. */
  hasSnapshot: boolean
  /** Snapshots received: each follows a (re)connection. */
  snapshots: number
}

/** Never patched: deltas before the first snapshot are dropped, and a snapshot brings a new map. */
export const NO_ENGINE_DATA: EngineData = {
  services: new Map(),
  servicesVersion: 0,
  layoutVersion: 0,
  sources: [],
  settings: null,
  alerts: { snoozedUntil: null },
  history: [],
  inspected: null,
  hasSnapshot: false,
  snapshots: 0,
}

/** A snapshot replaces everything; a delta patches. Returns `data` itself when nothing changed. */
export function applyEngineEvent(data: EngineData, event: EngineEvent): EngineData {
  if (event.type === 'snapshot') {
    const { services, sources, history, settings, alerts } = event.snapshot
    return {
      services: new Map(services.map((service) => [service.id, service])),
      servicesVersion: data.servicesVersion + 1,
      layoutVersion: data.layoutVersion + 1,
      sources,
      settings,
      alerts,
      history: history.slice(-HISTORY_LIMIT),
      inspected: data.inspected,
      hasSnapshot: true,
      snapshots: data.snapshots + 1,
    }
  }
  if (event.type === 'view') return { ...data, inspected: event.view }
  // The snapshot that must come first will hold everything this delta says.
  if (!data.hasSnapshot) return data
  return applyDelta(data, event.delta)
}

function applyDelta(data: EngineData, delta: Delta): EngineData {
  const servicesChanged = delta.services.length > 0 || delta.removed.length > 0
  const sourcesChanged = delta.sources.length > 0 || delta.removedSources.length > 0
  const settingsChanged = delta.settings !== undefined || delta.alerts !== undefined
  if (!servicesChanged && !sourcesChanged && !settingsChanged && delta.transitions.length === 0) return data
  const layoutChanged = servicesChanged && patchServices(data.services as Map<string, ServiceRow>, delta)
  return {
    ...data,
    settings: delta.settings ?? data.settings,
    alerts: delta.alerts ?? data.alerts,
    servicesVersion: servicesChanged ? data.servicesVersion + 1 : data.servicesVersion,
    layoutVersion: layoutChanged ? data.layoutVersion + 1 : data.layoutVersion,
    sources: sourcesChanged ? patchSources(data.sources, delta) : data.sources,
    history:
      delta.transitions.length > 0
        ? [...data.history, ...delta.transitions].slice(-HISTORY_LIMIT)
        : data.history,
  }
}

/**
 * Removals first, so an id both removed and updated in one delta (a purge then a return) stays.
 * Says whether any row moved, appeared or went.
 */
function patchServices(services: Map<string, ServiceRow>, delta: Delta): boolean {
  let layoutChanged = false
  for (const id of delta.removed) layoutChanged = services.delete(id) || layoutChanged
  for (const service of delta.services) {
    const previous = services.get(service.id)
    services.set(service.id, service)
    layoutChanged ||= previous === undefined || movesRow(previous, service)
  }
  return layoutChanged
}

/** The fields that group, filter, count or place a row; any other change only redraws the row itself. */
function movesRow(before: ServiceRow, after: ServiceRow): boolean {
  return (
    before.state !== after.state ||
    before.host !== after.host ||
    (before.muted === null) !== (after.muted === null)
  )
}

/** Keeps the sources in their first-seen order. */
function patchSources(sources: SourceView[], delta: Delta): SourceView[] {
  const byId = new Map(sources.map((source) => [source.id, source]))
  for (const id of delta.removedSources) byId.delete(id)
  for (const source of delta.sources) byId.set(source.id, source)
  return [...byId.values()]
}
