/**
 * Flapping (issue 5; Nagios and Healthchecks do this): an instance whose liveness changes too often is
 * marked flapping and notifies once, until it settles. Hysteresis as in Nagios, which starts and stops
 * flapping at different thresholds: it starts at `startChanges` changes within `windowMs` and settles
 * once the window holds no more than `settleChanges`, so it does not flip in and out of flapping itself.
 */
import type { ServiceState } from '../../shared/model'

export interface FlapTuning {
  startChanges: number
  settleChanges: number
  windowMs: number
}

/** Six changes in ten minutes is three full alive/stale round trips: no longer jitter, a pattern. */
export const DEFAULT_FLAP_TUNING: FlapTuning = { startChanges: 6, settleChanges: 2, windowMs: 600_000 }

/** What one change means: nothing special, the start of flapping, or more of it (notify nothing). */
export type FlapVerdict = 'steady' | 'started' | 'flapping'

interface FlapRecord {
  /** Monotonic ms of the recent changes, oldest first, none older than the window. */
  changesMs: number[]
  flapping: boolean
  /** The state of the last change: what it settles in. */
  state: ServiceState
}

/** Liveness changes are moves between alive, stale and dead; unknown and the goodbyes are not flaps. */
export function isLivenessChange(from: ServiceState, to: ServiceState): boolean {
  return LIVENESS.has(from) && LIVENESS.has(to) && from !== to
}

const LIVENESS: ReadonlySet<ServiceState> = new Set(['alive', 'stale', 'dead'])

export class FlapDetector {
  private readonly records = new Map<string, FlapRecord>()
  /** The flapping ones, so settling looks at a few records, not at every instance that ever changed. */
  private readonly flapping = new Set<string>()

  constructor(private readonly tuning: FlapTuning = DEFAULT_FLAP_TUNING) {}

  /** A liveness change of an instance at `nowMs` (monotonic). */
  change(id: string, to: ServiceState, nowMs: number): FlapVerdict {
    let record = this.records.get(id)
    if (!record) this.records.set(id, (record = { changesMs: [], flapping: false, state: to }))
    record.state = to
    record.changesMs.push(nowMs)
    this.prune(record, nowMs)
    if (record.flapping) return 'flapping'
    if (record.changesMs.length < this.tuning.startChanges) return 'steady'
    record.flapping = true
    this.flapping.add(id)
    return 'started'
  }

  isFlapping(id: string): boolean {
    return this.flapping.has(id)
  }

  /** Instances that stop flapping by `nowMs`, with the state they settled in. */
  settle(nowMs: number): { id: string; state: ServiceState }[] {
    const settled: { id: string; state: ServiceState }[] = []
    for (const id of this.flapping) {
      const record = this.records.get(id) as FlapRecord
      this.prune(record, nowMs)
      if (record.changesMs.length > this.tuning.settleChanges) continue
      record.flapping = false
      this.flapping.delete(id)
      settled.push({ id, state: record.state })
    }
    return settled
  }

  /** When the next flapping instance settles if it changes no more, or null if none flaps. */
  nextSettleMs(): number | null {
    let next: number | null = null
    for (const id of this.flapping) {
      const { changesMs } = this.records.get(id) as FlapRecord
      // It settles once all but `settleChanges` of its changes have left the window.
      const leaving = changesMs[changesMs.length - this.tuning.settleChanges - 1]
      const atMs = leaving === undefined ? 0 : leaving + this.tuning.windowMs
      if (next === null || atMs < next) next = atMs
    }
    return next
  }

  /** The instance left (gone, stopped, forgotten): whatever it did before is history. */
  forget(id: string): boolean {
    this.records.delete(id)
    return this.flapping.delete(id)
  }

  private prune(record: FlapRecord, nowMs: number): void {
    const oldestKeptMs = nowMs - this.tuning.windowMs
    let drop = 0
    while (drop < record.changesMs.length && (record.changesMs[drop] as number) <= oldestKeptMs) drop++
    if (drop > 0) record.changesMs.splice(0, drop)
  }
}
