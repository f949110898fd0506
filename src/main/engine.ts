/**
 * Wires sources → decode → monitor → listeners. Owns the clock and the single deadline timer; all
 * liveness logic lives in core/, which this file only feeds with messages and the time.
 */
import { performance } from 'node:perf_hooks'
import type {
  Delta,
  ServiceRow,
  ServiceState,
  ServiceView,
  Snapshot,
  SourceState,
  SourceView,
  TransitionView,
} from '../shared/model'
import { ArrivalClock, realNow } from './clock'
import { TransitionHistory } from './core/history'
import { emptyStateCounts, prometheusText } from './core/metrics'
import { Monitor, type Instant, type Transition } from './core/monitor'
import type { DetectionSettings } from './core/settings'
import { newSourceStats, recordHealth, recordRejection, type SourceStats } from './core/source-stats'
import { Mutes, type Mute } from './core/mutes'
import { persistRecord, type PersistedInstance } from './core/persisted-state'
import type { InstanceRecord } from './core/registry'
import { parseSourceUrl, type SourceSpec } from './core/source-url'
import { serviceRow, serviceView, sourceView, transitionView } from './core/views'
import { planSource, type SourcePlan } from './sources'
import type { RecordOrigin, Removal, SourceDetails } from './sources/source'

/** Node's setTimeout cannot wait longer than 2^31-1 ms. */
const MAX_TIMER_MS = 2_147_483_647
/** Issue 5: a deadline timer this late means our event loop stalled, not that services fell silent. */
export const STALL_MS = 2_000

export interface EngineOptions {
  detection: DetectionSettings
  /** Shared with whoever changes them (the controller); views say what is muted. */
  mutes?: Mutes
  /** One line per transition; the default is silence. */
  log?: (line: string) => void
}

interface SourceEntry {
  id: string
  spec: SourceSpec
  plan: SourcePlan
  stats: SourceStats
  /** Registry key → instance id, for sources that read records and report their removal. */
  recordKeys: Map<string, string>
}

export type EngineSnapshot = Omit<Snapshot, 'settings' | 'alerts'>

export type AddSourceResult = { ok: true; id: string } | { ok: false; error: string }

export class Engine {
  private readonly monitor: Monitor
  private readonly sources = new Map<string, SourceEntry>()
  private readonly history = new TransitionHistory()
  private timer: NodeJS.Timeout | null = null
  private timerDueMs: number | null = null
  private tickImmediate: NodeJS.Immediate | null = null
  private changedSourceIds = new Set<string>()
  private pendingTransitions: TransitionView[] = []
  private readonly changeListeners = new Set<() => void>()
  private readonly transitionListeners = new Set<(transition: TransitionView) => void>()
  private readonly healthListeners = new Set<
    (sourceId: string, state: SourceState, error: string | null) => void
  >()
  private readonly log: (line: string) => void
  private readonly arrivals = new ArrivalClock()

  private readonly mutes: Mutes

  constructor(options: EngineOptions) {
    this.monitor = new Monitor(options.detection)
    this.mutes = options.mutes ?? new Mutes()
    this.log = options.log ?? (() => undefined)
  }

  setDetection(detection: DetectionSettings): void {
    this.publishTransitions(this.monitor.updateSettings(detection, realNow()))
    this.armTimer()
    this.notifyChange()
  }

  forget(id: string): boolean {
    const forgotten = this.monitor.forget(id)
    if (forgotten) this.notifyChange()
    return forgotten
  }

  /**
   * Sends the views of instances, or of every instance of services, again (after a mute, a flapping
   * mark). Many targets at once cost one pass over the instances, not one each.
   */
  refresh(targets: string | readonly string[]): void {
    const wanted = new Set(typeof targets === 'string' ? [targets] : targets)
    if (wanted.size === 0) return
    this.monitor.touch((record) => wanted.has(record.id) || wanted.has(serviceIdOf(record)))
    this.notifyChange()
  }

  /** The instance or service an id names, if the engine knows it. */
  knows(target: string): boolean {
    if (this.monitor.get(target)) return true
    for (const record of this.monitor.all()) if (serviceIdOf(record) === target) return true
    return false
  }

  addSource(url: string): AddSourceResult {
    const parsed = parseSourceUrl(url)
    if (!parsed.ok) return { ok: false, error: parsed.error }
    const id = parsed.spec.displayUrl
    if (this.sources.has(id)) return { ok: false, error: `already watching ${id}` }
    const plan = planSource(parsed.spec)
    const entry: SourceEntry = {
      id,
      spec: parsed.spec,
      plan,
      stats: newSourceStats(Date.now()),
      recordKeys: new Map(),
    }
    this.sources.set(id, entry)
    const pollEveryMs = 'pollEveryMs' in parsed.spec ? parsed.spec.pollEveryMs : 0
    this.monitor.addSource(id, plan.defaultIntervalMs, 2 * pollEveryMs)
    plan.source.start({
      message: (raw, channel, origin) => this.onMessage(entry, raw, channel, origin),
      removed: (key, how) => this.onRemoved(entry, key, how),
      health: (state, error) => this.onHealth(entry, state, error),
      details: (details) => this.onDetails(entry, details),
    })
    this.changedSourceIds.add(id)
    this.notifyChange()
    return { ok: true, id }
  }

  async removeSource(id: string): Promise<boolean> {
    const entry = this.sources.get(id)
    if (!entry) return false
    this.sources.delete(id)
    await entry.plan.source.stop()
    this.monitor.removeSource(id)
    this.changedSourceIds.add(id)
    this.armTimer()
    this.notifyChange()
    return true
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    if (this.tickImmediate) clearImmediate(this.tickImmediate)
    this.timer = null
    this.tickImmediate = null
    await Promise.all([...this.sources.values()].map((entry) => entry.plan.source.stop()))
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  onTransition(listener: (transition: TransitionView) => void): () => void {
    this.transitionListeners.add(listener)
    return () => this.transitionListeners.delete(listener)
  }

  /** A source's connection changed (as its SourceView says, once recorded). */
  onSourceHealth(listener: (sourceId: string, state: SourceState, error: string | null) => void): () => void {
    this.healthListeners.add(listener)
    return () => this.healthListeners.delete(listener)
  }

  /**
   * Every instance gets one stale interval of grace, as after a reconnect: after the system slept
   * (Electron's powerMonitor 'resume'), or, with `overdueOnly`, for those whose deadline passed during
   * an event-loop stall.
   */
  graceAll(reason: string, overdueOnly = false): void {
    this.log(`${new Date().toISOString()} grace for every instance: ${reason}`)
    this.publishTransitions(this.monitor.graceAll(realNow(), reason, overdueOnly))
    this.armTimer()
    this.notifyChange()
  }

  /** An instance's expected interval and thresholds, or null if it is not known. */
  timingOf(id: string): { intervalMs: number; staleAfterMs: number; deadAfterMs: number } | null {
    const record = this.monitor.get(id)
    if (!record) return null
    return { intervalMs: this.monitor.intervalOf(record).ms, ...this.monitor.thresholdsOf(record) }
  }

  /** Every instance whole, for the HTTP API. */
  services(): ServiceView[] {
    const now = realNow()
    return [...this.monitor.all()].map((record) => this.viewOf(record, now))
  }

  /** Every instance as a list row: what a snapshot carries. */
  rows(): ServiceRow[] {
    const now = realNow()
    return [...this.monitor.all()].map((record) => this.rowOf(record, now))
  }

  /** One instance whole, for a UI that inspects it; null if it is not known. */
  view(id: string): ServiceView | null {
    const record = this.monitor.get(id)
    return record ? this.viewOf(record, realNow()) : null
  }

  sourceViews(): SourceView[] {
    return [...this.sources.values()].map((entry) => this.viewOfSource(entry))
  }

  historyViews(): TransitionView[] {
    return this.history.list()
  }

  /** Instances known before a restart (see core/persisted-state.ts); returns how many came back. */
  restore(instances: readonly PersistedInstance[]): number {
    const restored = this.monitor.restore(instances, realNow())
    this.armTimer()
    this.notifyChange()
    return restored
  }

  restoreHistory(transitions: readonly TransitionView[]): void {
    for (const transition of transitions) this.history.add(transition)
  }

  persistedInstances(): PersistedInstance[] {
    const now = realNow()
    return [...this.monitor.all()].map((record) => persistRecord(record, now))
  }

  /** Something changed that UIs should hear about, outside the engine's own data (settings, snooze). */
  announce(): void {
    this.notifyChange()
  }

  snapshot(): EngineSnapshot {
    return { services: this.rows(), sources: this.sourceViews(), history: this.historyViews() }
  }

  /** Everything that changed since the last call, or null if nothing did. */
  takeDelta(): Delta | null {
    const { changed, removedIds } = this.monitor.drainChanges()
    const sourceIds = this.changedSourceIds
    const transitions = this.pendingTransitions
    if (changed.size === 0 && removedIds.size === 0 && sourceIds.size === 0 && transitions.length === 0)
      return null
    this.changedSourceIds = new Set()
    this.pendingTransitions = []
    const now = realNow()
    const services = [...changed].map((record) => this.rowOf(record, now))
    const sources: SourceView[] = []
    const removedSources: string[] = []
    for (const id of sourceIds) {
      const entry = this.sources.get(id)
      if (entry) sources.push(this.viewOfSource(entry))
      else removedSources.push(id)
    }
    return { services, removed: [...removedIds], sources, removedSources, transitions }
  }

  /** Forgets what changed since the last delta, building no views: no UI is listening. */
  dropDelta(): void {
    this.monitor.drainChanges()
    this.changedSourceIds = new Set()
    this.pendingTransitions = []
  }

  /** Instances by state: all of them, or those of one source or one service (`source|service`). */
  stateCounts(scope?: { sourceId: string } | { serviceId: string }): Record<ServiceState, number> {
    const counts = emptyStateCounts()
    for (const record of this.monitor.all()) {
      if (scope && 'sourceId' in scope && record.sourceId !== scope.sourceId) continue
      if (scope && 'serviceId' in scope && serviceIdOf(record) !== scope.serviceId) continue
      counts[record.state]++
    }
    return counts
  }

  metricsText(): string {
    return prometheusText(this.stateCounts(), this.sourceViews())
  }

  private viewOf(record: InstanceRecord, now: Instant): ServiceView {
    return serviceView(this.monitor, record, now, this.muteOf(record, now))
  }

  private rowOf(record: InstanceRecord, now: Instant): ServiceRow {
    return serviceRow(this.monitor, record, now, this.muteOf(record, now))
  }

  private muteOf(record: InstanceRecord, now: Instant): Mute | null {
    return this.mutes.muteOf(record.id, serviceIdOf(record), now.wallMs)
  }

  private viewOfSource(entry: SourceEntry): SourceView {
    return sourceView(entry.id, entry.spec.displayUrl, entry.spec.kind, entry.stats)
  }

  private onMessage(entry: SourceEntry, raw: string, channel: string | null, origin?: RecordOrigin): void {
    if (!this.sources.has(entry.id)) return
    entry.stats.received++
    this.changedSourceIds.add(entry.id)
    const decoded = entry.plan.decoder(raw, { channel })
    const now = this.arrivals.now()
    if (!decoded.ok) {
      recordRejection(entry.stats, decoded.reason, raw, now.wallMs)
      this.notifyChange()
      return
    }
    for (const heartbeat of decoded.heartbeats) {
      const result = this.monitor.ingest(entry.id, heartbeat, now, origin?.initialScan ?? false)
      if (!result.ok) {
        recordRejection(entry.stats, result.reason, raw, now.wallMs)
        continue
      }
      if (origin) entry.recordKeys.set(origin.key, result.id)
      this.publishTransitions(result.transitions)
    }
    this.armTimer()
    this.notifyChange()
  }

  private onRemoved(entry: SourceEntry, key: string, how: Removal): void {
    const id = entry.recordKeys.get(key)
    if (!this.sources.has(entry.id) || id === undefined) return
    entry.recordKeys.delete(key)
    const reason = how === 'stopped' ? 'removed by its own clean stop' : 'removed from its registry'
    const transition = this.monitor.retire(id, how, realNow(), reason)
    if (transition) this.publishTransitions([transition])
    this.notifyChange()
  }

  private onDetails(entry: SourceEntry, details: SourceDetails): void {
    if (!this.sources.has(entry.id)) return
    entry.stats.details = details
    this.changedSourceIds.add(entry.id)
    this.notifyChange()
  }

  private onHealth(entry: SourceEntry, state: SourceState, error: string | null): void {
    if (!this.sources.has(entry.id)) return
    const now = realNow()
    if (!recordHealth(entry.stats, state, error, now.wallMs)) return
    this.changedSourceIds.add(entry.id)
    this.log(`${new Date(now.wallMs).toISOString()} source ${entry.id} ${state}${error ? `: ${error}` : ''}`)
    this.publishTransitions(this.monitor.setSourceConnected(entry.id, state === 'connected', now))
    for (const listener of this.healthListeners) listener(entry.id, state, error)
    this.armTimer()
    this.notifyChange()
  }

  /**
   * A deadline came. Heartbeats that arrived while our event loop was busy may still be unread in our
   * sockets: the tick waits for the I/O phase that comes next (setImmediate runs after it), so an
   * instance that did beat on time is not called stale because we had not read it yet.
   */
  private onTimer(): void {
    const lateMs = performance.now() - (this.timerDueMs ?? Infinity)
    this.timer = null
    this.tickImmediate = setImmediate(() => this.onDeadline(lateMs))
  }

  private onDeadline(lateMs: number): void {
    this.tickImmediate = null
    this.timerDueMs = null
    // Before the tick: the heartbeats that arrived during the stall are still unread in our sockets.
    if (lateMs > STALL_MS) {
      const reason = `event loop stalled ${Math.round(lateMs)} ms`
      this.log(`${new Date().toISOString()} grace for overdue instances: ${reason}`)
      this.publishTransitions(this.monitor.graceAll(realNow(), reason, true))
    }
    this.publishTransitions(this.monitor.tick(realNow()))
    this.armTimer()
    this.notifyChange()
  }

  /**
   * One timer for the earliest deadline. It is moved only when a deadline comes earlier than the one
   * armed; when deadlines move later (every heartbeat does that) the timer fires early, finds nothing
   * due, and re-arms: far cheaper than re-arming on every heartbeat.
   */
  private armTimer(): void {
    const next = this.monitor.nextDeadlineMs()
    if (next === null) return
    if (this.timerDueMs !== null && this.timerDueMs <= next) return
    if (this.timer) clearTimeout(this.timer)
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(next - performance.now())))
    this.timerDueMs = next
    this.timer = setTimeout(() => this.onTimer(), delay)
  }

  private publishTransitions(transitions: readonly Transition[]): void {
    for (const transition of transitions) {
      const view = transitionView(transition)
      this.history.add(view)
      this.pendingTransitions.push(view)
      this.log(
        `${view.at} ${view.service}/${view.instance} ${view.from} → ${view.to} (${view.reason}) [${view.source}]`,
      )
      for (const listener of this.transitionListeners) listener(view)
    }
  }

  private notifyChange(): void {
    for (const listener of this.changeListeners) listener()
  }
}

/** A service's id: its source and name, as rollups and mutes name it. */
export function serviceIdOf(record: InstanceRecord): string {
  return `${record.sourceId}|${record.service}`
}
