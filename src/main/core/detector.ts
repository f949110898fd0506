/**
 * The detector: classifies one instance at a given time, arms the deadline at which that answer next
 * changes by itself, and settles replacements among siblings (a silent instance whose newcomer took its
 * place is `gone`, not dead). The monitor decides which instances exist and when to ask.
 */
import type { ServiceState } from '../../shared/model'
import { classify, nextChangeMs, type LivenessInput, type Thresholds } from './classify'
import type { Instant } from './instant'
import type { InstanceChanges } from './instance-changes'
import { InstanceDeadlines } from './instance-deadlines'
import type { InstanceIndex } from './instance-index'
import { livenessInput, thresholdsOf, type SourceTiming } from './instance-timing'
import type { InstanceRecord } from './registry'
import { findPredecessor, findSuccessor } from './replacement'
import type { DetectionSettings } from './settings'
import { silenceReason, transitionOf, type Transition } from './transition'

/** A watched source: its timing, and its instances. */
export interface WatchedSource extends SourceTiming {
  /** By service and instance name: the hot path never builds an id. */
  instances: InstanceIndex<InstanceRecord>
}

export class Detector {
  readonly deadlines = new InstanceDeadlines()

  constructor(
    public settings: DetectionSettings,
    private readonly changes: InstanceChanges,
  ) {}

  /** Classifies one record at `now`, re-arms its deadline, and returns the transition if it changed. */
  reclassify(
    record: InstanceRecord,
    source: WatchedSource | undefined,
    now: Instant,
    cause: string | null,
  ): Transition | null {
    const thresholds = thresholdsOf(record, source, this.settings)
    const input = livenessInput(record, source)
    let next = classify(input, now.monoMs, thresholds)
    if ((next === 'stale' || next === 'dead') && cause === null) {
      const siblings = source?.instances.siblings(record.service) ?? []
      const successor = findSuccessor(record, siblings, thresholds.deadAfterMs)
      if (successor) {
        this.markReplaced(record, successor)
        next = 'gone'
        cause = `replaced by ${successor.instance}`
      }
    }
    this.arm(record, next, input, thresholds, now)
    if (next === record.state) return null

    const from = record.state
    record.state = next
    record.stateSinceMs = now.monoMs
    record.stateSinceWallMs = now.wallMs
    this.changes.mark(record)
    return transitionOf(record, from, now, cause ?? silenceReason(record, next, now.monoMs, thresholds))
  }

  /** A record known from before a restart: classified and armed, with no transition raised. */
  settle(record: InstanceRecord, source: WatchedSource, now: Instant): void {
    const thresholds = thresholdsOf(record, source, this.settings)
    const input = livenessInput(record, source)
    record.state = classify(input, now.monoMs, thresholds)
    this.arm(record, record.state, input, thresholds, now)
  }

  /** A newcomer's first heartbeat: the silent instance of its service that it replaces becomes `gone`. */
  retirePredecessor(newcomer: InstanceRecord, source: WatchedSource, now: Instant): Transition | null {
    const predecessor = findPredecessor(
      newcomer,
      source.instances.siblings(newcomer.service),
      (sibling) => thresholdsOf(sibling, source, this.settings).deadAfterMs,
      now.monoMs,
    )
    if (!predecessor) return null
    this.markReplaced(predecessor, newcomer)
    return this.reclassify(predecessor, source, now, `replaced by ${newcomer.instance}`)
  }

  private markReplaced(old: InstanceRecord, successor: InstanceRecord): void {
    old.gone = true
    old.replacedBy = successor.id
    successor.replaces = old.id
    this.changes.mark(successor)
  }

  private arm(
    record: InstanceRecord,
    state: ServiceState,
    input: LivenessInput,
    thresholds: Thresholds,
    now: Instant,
  ): void {
    this.deadlines.schedule(
      record,
      state === 'gone' ? this.purgeDeadline(now) : nextChangeMs(input, now.monoMs, thresholds),
    )
  }

  /** When a `gone` instance leaves the list (it stays in the history), or null to keep it. */
  private purgeDeadline(now: Instant): number | null {
    return this.settings.goneRetentionMs > 0 ? now.monoMs + this.settings.goneRetentionMs : null
  }
}
