/**
 * A source's instances by service name and instance name. Most services run one instance: it is held
 * directly, and a map only once a second one appears, so a heartbeat finds its record through one hash
 * table instead of two and never hashes its instance name. That lookup is the hottest line of ingest.
 */
interface Named {
  readonly service: string
  readonly instance: string
}

export class InstanceIndex<T extends Named> {
  private readonly byService = new Map<string, T | Map<string, T>>()

  get(service: string, instance: string): T | undefined {
    const entry = this.byService.get(service)
    if (entry === undefined) return undefined
    if (entry instanceof Map) return entry.get(instance)
    return entry.instance === instance ? entry : undefined
  }

  has(service: string, instance: string): boolean {
    return this.get(service, instance) !== undefined
  }

  add(record: T): void {
    const entry = this.byService.get(record.service)
    if (entry === undefined) this.byService.set(record.service, record)
    else if (entry instanceof Map) entry.set(record.instance, record)
    else if (entry.instance === record.instance) this.byService.set(record.service, record)
    else
      this.byService.set(
        record.service,
        new Map([
          [entry.instance, entry],
          [record.instance, record],
        ]),
      )
  }

  delete(record: T): void {
    const entry = this.byService.get(record.service)
    if (entry === undefined) return
    if (!(entry instanceof Map)) {
      if (entry === record) this.byService.delete(record.service)
      return
    }
    if (entry.get(record.instance) !== record) return
    entry.delete(record.instance)
    if (entry.size === 0) this.byService.delete(record.service)
  }

  /** Every instance of one service. */
  *siblings(service: string): Generator<T> {
    const entry = this.byService.get(service)
    if (entry === undefined) return
    if (entry instanceof Map) yield* entry.values()
    else yield entry
  }

  *all(): Generator<T> {
    for (const entry of this.byService.values()) {
      if (entry instanceof Map) yield* entry.values()
      else yield entry
    }
  }
}
