/**
 * What a UI in the main process (the tray) knows of the engine: the same snapshot and batched deltas
 * a window gets through the BridgeHub, applied to plain maps. It never looks at the engine itself, so
 * it costs nothing per heartbeat.
 */
import type { EngineEvent } from '../../shared/api'
import type { AlertState, ServiceRow, SourceView } from '../../shared/model'

export class ViewMirror {
  readonly services = new Map<string, ServiceRow>()
  private readonly sourcesById = new Map<string, SourceView>()
  alerts: AlertState = { snoozedUntil: null }

  get sources(): SourceView[] {
    return [...this.sourcesById.values()]
  }

  apply(event: EngineEvent): void {
    if (event.type === 'snapshot') {
      const { services, sources, alerts } = event.snapshot
      this.services.clear()
      this.sourcesById.clear()
      for (const service of services) this.services.set(service.id, service)
      for (const source of sources) this.sourcesById.set(source.id, source)
      this.alerts = alerts
      return
    }
    if (event.type !== 'delta') return
    const { delta } = event
    // Removals first: an id both removed and updated in one delta (purged, then back) stays.
    for (const id of delta.removed) this.services.delete(id)
    for (const service of delta.services) this.services.set(service.id, service)
    for (const id of delta.removedSources) this.sourcesById.delete(id)
    for (const source of delta.sources) this.sourcesById.set(source.id, source)
    if (delta.alerts) this.alerts = delta.alerts
  }
}
