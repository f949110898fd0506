/** Marks shown in the UI (flapping instances, degraded sources), collected until the app takes them. */
export interface MarkChanges {
  instances: string[]
  sources: string[]
}

export class AlertMarks {
  private instances = new Set<string>()
  private sources = new Set<string>()

  instanceChanged(instanceId: string): void {
    this.instances.add(instanceId)
  }

  sourceChanged(sourceId: string): void {
    this.sources.add(sourceId)
  }

  /** The marks that changed since the last call. */
  take(): MarkChanges {
    const changes = { instances: [...this.instances], sources: [...this.sources] }
    this.instances = new Set()
    this.sources = new Set()
    return changes
  }
}
