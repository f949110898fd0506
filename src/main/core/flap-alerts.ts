/**
 * Flapping (flapping.ts) applied to alerts: an instance that starts flapping notifies once, then nothing
 * until it settles; what it settles in is news again, held in the batch like any other.
 */
import type { TransitionView } from '../../shared/model'
import type { AlertBatch } from './alert-batch'
import type { AlertMarks } from './alert-marks'
import { settledKind } from './alert-news'
import { isSilenced, type AlertWorld } from './alert-world'
import { FlapDetector, isLivenessChange, type FlapTuning, type FlapVerdict } from './flapping'
import type { Instant } from './monitor'

export class FlapAlerts {
  private readonly flaps: FlapDetector
  /** The last transition of each flapping instance: what it settles in. */
  private readonly lastViews = new Map<string, TransitionView>()

  constructor(
    private readonly world: AlertWorld,
    tuning: FlapTuning,
    private readonly batch: AlertBatch,
    private readonly marks: AlertMarks,
  ) {
    this.flaps = new FlapDetector(tuning)
  }

  /** Feeds the detector; its verdict on this change. */
  track(view: TransitionView, now: Instant): FlapVerdict {
    if (view.to === 'gone' || view.to === 'stopped') {
      if (this.flaps.forget(view.id)) this.marks.instanceChanged(view.id)
      this.lastViews.delete(view.id)
      return 'steady'
    }
    if (this.flaps.isFlapping(view.id)) this.lastViews.set(view.id, view)
    if (!isLivenessChange(view.from, view.to)) return 'steady'
    const verdict = this.flaps.change(view.id, view.to, now.monoMs)
    if (verdict === 'started') {
      this.lastViews.set(view.id, view)
      this.marks.instanceChanged(view.id)
    }
    return verdict
  }

  isFlapping(instanceId: string): boolean {
    return this.flaps.isFlapping(instanceId)
  }

  /** When the next flapping instance settles (monotonic ms), or null. */
  nextSettleMs(): number | null {
    return this.flaps.nextSettleMs()
  }

  /** Settles those due by `now`, holding what each settled in. */
  settleDue(now: Instant): void {
    const settleMs = this.flaps.nextSettleMs()
    if (settleMs === null || settleMs > now.monoMs) return
    for (const { id } of this.flaps.settle(now.monoMs)) {
      this.marks.instanceChanged(id)
      const last = this.lastViews.get(id)
      this.lastViews.delete(id)
      if (!last) continue
      // What it settled in is news: the last thing the user heard was "flapping".
      const settled: TransitionView = { ...last, from: last.to, reason: 'no longer flapping' }
      const kind = settledKind(last.to, this.world.settings())
      if (kind !== null && !isSilenced(this.world, settled, now.wallMs))
        this.batch.holdSettled({ kind, transition: settled, baseline: last.to }, now)
    }
  }

  forgetSource(sourceId: string): void {
    for (const [id, view] of this.lastViews) {
      if (view.source !== sourceId) continue
      this.flaps.forget(id)
      this.lastViews.delete(id)
      this.marks.instanceChanged(id)
    }
  }
}
