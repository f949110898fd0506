/**
 * The liveness engine's pure core: the registry of watched instances, which hands each to the detector
 * (detector.ts) when a message, its source's health or the passing of time concerns it. Heartbeats go
 * in; state transitions come out. It never reads a clock: every call says what time it is.
 */
import type { Thresholds } from './classify'
import { Detector, type WatchedSource } from './detector'
import { admitFirstScanned, SEEN_IN_REGISTRY } from './first-scan'
import type { Heartbeat } from './heartbeat'
import type { Instant } from './instant'
import { InstanceChanges, type Changes } from './instance-changes'
import { InstanceIndex } from './instance-index'
import * as timing from './instance-timing'
import type { ExpectedInterval } from './interval'
import type { PersistedInstance } from './persisted-state'
import { applyHeartbeat, applyReport, newRecord, restoredRecord, type InstanceRecord } from './registry'
import type { DetectionSettings } from './settings'
import { transitionList, type Transition } from './transition'

export type { Instant } from './instant'
export type { Changes } from './instance-changes'
export type { Transition } from './transition'

export type IngestResult =
  { ok: true; id: string; transitions: readonly Transition[] } | { ok: false; reason: string }

export class Monitor {
  private readonly records = new Map<string, InstanceRecord>()
  private readonly sources = new Map<string, WatchedSource>()
  private readonly changes = new InstanceChanges()
  private readonly detector: Detector

  constructor(settings: DetectionSettings) {
    this.detector = new Detector(settings, this.changes)
  }

  /** Held by the detector, which reads them most; the registry takes its limits from the same object. */
  private get settings(): DetectionSettings {
    return this.detector.settings
  }

  get instanceCount(): number {
    return this.records.size
  }

  /** A source to watch; `minLearnedMs` floors the intervals learned from its gaps (see SourceTiming). */
  addSource(sourceId: string, defaultIntervalMs: number | null = null, minLearnedMs = 0): void {
    this.sources.set(sourceId, {
      connected: false,
      defaultIntervalMs,
      minLearnedMs,
      instances: new InstanceIndex(),
    })
  }

  /** Forgets a source and every instance it brought. */
  removeSource(sourceId: string): void {
    const source = this.sources.get(sourceId)
    if (!source) return
    for (const record of source.instances.all()) this.forget(record.id)
    this.sources.delete(sourceId)
  }

  forget(id: string): boolean {
    const record = this.records.get(id)
    if (!record) return false
    this.records.delete(id)
    this.sources.get(record.sourceId)?.instances.delete(record)
    this.detector.deadlines.delete(record)
    this.changes.markForgotten(record)
    return true
  }

  /**
   * A message about one instance. It is a heartbeat unless it is a registry record whose beat marker
   * has not moved (news about reported health only), or a record found in a first scan, which says
   * nothing of when it last beat: that one starts in grace, `unknown` until its marker moves.
   */
  ingest(sourceId: string, heartbeat: Heartbeat, now: Instant, initialScan = false): IngestResult {
    const source = this.sources.get(sourceId)
    if (!source) return { ok: false, reason: `unknown source ${sourceId}` }
    let record = source.instances.get(heartbeat.service, heartbeat.instance)
    const fresh = record === undefined
    if (!record) {
      if (this.records.size >= this.settings.maxInstances) {
        return {
          ok: false,
          reason: `instance limit reached (${this.settings.maxInstances}); new ids refused`,
        }
      }
      record = newRecord(sourceId, heartbeat, now.monoMs, now.wallMs)
      source.instances.add(record)
      this.records.set(record.id, record)
      this.changes.markAdded(record)
    }
    this.changes.mark(record)
    const marker = heartbeat.beatMarker
    if (marker !== null && (fresh ? initialScan : marker === record.beatMarker)) {
      applyReport(record, heartbeat, now.monoMs)
      const cause = fresh
        ? admitFirstScanned(record, heartbeat, now, this.settings.goneRetentionMs)
        : SEEN_IN_REGISTRY
      const transition = this.detector.reclassify(record, source, now, cause)
      return { ok: true, id: record.id, transitions: transitionList(transition) }
    }
    const firstBeat = record.firstSeenMs === null
    applyHeartbeat(record, heartbeat, now.monoMs)
    const cause = heartbeat.goodbye ? 'said goodbye' : 'heartbeat received'
    const transition = this.detector.reclassify(record, source, now, cause)
    const retired = firstBeat && !initialScan ? this.detector.retirePredecessor(record, source, now) : null
    return { ok: true, id: record.id, transitions: transitionList(transition, retired) }
  }

  /**
   * An instance left: `stopped` (its own clean-stop path said so) or `gone` (removed from its registry,
   * or replaced by a new instance). Neither raises an alarm; a later heartbeat brings it back.
   */
  retire(
    id: string,
    how: 'stopped' | 'gone',
    now: Instant,
    reason: string,
    replacedBy: string | null = null,
  ): Transition | null {
    const record = this.records.get(id)
    if (!record) return null
    if (how === 'stopped') record.stopped = true
    else {
      record.gone = true
      record.replacedBy = replacedBy
    }
    this.changes.mark(record)
    return this.detector.reclassify(record, this.sources.get(record.sourceId), now, reason)
  }

  /**
   * A source went down or came back. Down: its instances are `unknown`, never `dead`, since silence
   * is ours, not theirs. Back: each gets one full stale interval of grace before it can be stale.
   */
  setSourceConnected(sourceId: string, connected: boolean, now: Instant): Transition[] {
    const source = this.sources.get(sourceId)
    if (!source || source.connected === connected) return []
    source.connected = connected
    const transitions: Transition[] = []
    for (const record of source.instances.all()) {
      if (connected) record.graceFromMs = now.monoMs
      const cause = connected ? 'source reconnected' : 'source disconnected'
      const transition = this.detector.reclassify(record, source, now, cause)
      if (transition) transitions.push(transition)
    }
    return transitions
  }

  /**
   * After the system slept or our own event loop stalled, silence may be ours: every instance gets one
   * full stale interval of grace, as after a reconnect (issue 5). `overdueOnly` limits it to those whose
   * deadline has already passed: after a stall the others were never at risk, and their heartbeats,
   * buffered meanwhile, arrive next; they keep their state instead of turning `unknown` for an interval.
   */
  graceAll(now: Instant, reason: string, overdueOnly = false): Transition[] {
    const transitions: Transition[] = []
    for (const record of this.records.values()) {
      if (record.gone || record.stopped) continue
      if (overdueOnly && (record.dueAtMs === null || record.dueAtMs > now.monoMs)) continue
      record.graceFromMs = now.monoMs
      this.changes.mark(record)
      const transition = this.detector.reclassify(record, this.sources.get(record.sourceId), now, reason)
      if (transition) transitions.push(transition)
    }
    return transitions
  }

  /**
   * Instances known before a restart, for sources still watched. Each comes back `unknown` in grace
   * (one stale interval from now), or `stopped`/`gone` as it was; no transitions are raised for this.
   */
  restore(instances: readonly PersistedInstance[], now: Instant): number {
    let restored = 0
    for (const saved of instances) {
      const source = this.sources.get(saved.sourceId)
      if (!source || source.instances.has(saved.service, saved.instance)) continue
      if (this.records.size >= this.settings.maxInstances) break
      const record = restoredRecord(saved, now)
      source.instances.add(record)
      this.records.set(record.id, record)
      this.changes.mark(record)
      this.detector.settle(record, source, now)
      restored++
    }
    return restored
  }

  /** New detection settings (thresholds, overrides): every instance is classified anew. */
  updateSettings(settings: DetectionSettings, now: Instant): Transition[] {
    this.detector.settings = settings
    const transitions: Transition[] = []
    for (const record of this.records.values()) {
      this.changes.mark(record)
      const source = this.sources.get(record.sourceId)
      const transition = this.detector.reclassify(record, source, now, 'settings changed')
      if (transition) transitions.push(transition)
    }
    return transitions
  }

  /** Marks instances changed so their views go out again (e.g. a mute changed). */
  touch(match: (record: InstanceRecord) => boolean): void {
    for (const record of this.records.values()) if (match(record)) this.changes.mark(record)
  }

  /** Every instance whose deadline has passed is classified anew. */
  tick(now: Instant): Transition[] {
    const transitions: Transition[] = []
    const deadlines = this.detector.deadlines
    for (let due = deadlines.takeDue(now.monoMs); due !== null; due = deadlines.takeDue(now.monoMs)) {
      if (due.gone) {
        this.forget(due.id)
        continue
      }
      const transition = this.detector.reclassify(due, this.sources.get(due.sourceId), now, null)
      if (transition) transitions.push(transition)
    }
    return transitions
  }

  /** The earliest deadline armed; it may come early (see InstanceDeadlines), never late. */
  nextDeadlineMs(): number | null {
    return this.detector.deadlines.nextMs()
  }

  get(id: string): InstanceRecord | undefined {
    return this.records.get(id)
  }

  all(): IterableIterator<InstanceRecord> {
    return this.records.values()
  }

  isSourceConnected(sourceId: string): boolean {
    return this.sources.get(sourceId)?.connected ?? false
  }

  /** Instances added or changed, and ids forgotten, since the last call. */
  drainChanges(): Changes {
    return this.changes.drain()
  }

  /** An instance's timing, as views show it (instance-timing.ts). */
  intervalOf(record: InstanceRecord): ExpectedInterval {
    return timing.intervalOf(record, this.sources.get(record.sourceId), this.settings)
  }

  thresholdsOf(record: InstanceRecord): Thresholds {
    return timing.thresholdsOf(record, this.sources.get(record.sourceId), this.settings)
  }

  phiOf(record: InstanceRecord, nowMs: number): number | null {
    return timing.phiOf(record, this.sources.get(record.sourceId), this.settings, nowMs)
  }
}
