/** What in a transition is news to the user, and of which kind (the alert policy's first question). */
import type { ServiceState, TransitionView } from '../../shared/model'
import type { AlertSettings } from './alert-world'
import type { InstanceAlertKind } from './alert-text'

/** `→ stale`, `→ dead`, and `→ alive` from a state the user would have heard about; each switchable. */
export function notifiableKind(view: TransitionView, settings: AlertSettings): InstanceAlertKind | null {
  switch (view.to) {
    case 'stale':
      return settings.notifyStale ? 'stale' : null
    case 'dead':
      return settings.notifyDead ? 'dead' : null
    case 'alive':
      if (view.from === 'stale') return settings.notifyRecovered && settings.notifyStale ? 'recovered' : null
      if (view.from === 'dead') return settings.notifyRecovered && settings.notifyDead ? 'recovered' : null
      return null
    default:
      return null
  }
}

/** What a flapping instance settled in, told as the news it is now. */
export function settledKind(state: ServiceState, settings: AlertSettings): InstanceAlertKind | null {
  if (state === 'dead') return settings.notifyDead ? 'dead' : null
  if (state === 'stale') return settings.notifyStale ? 'stale' : null
  if (state === 'alive') return settings.notifyRecovered ? 'recovered' : null
  return null
}

/**
 * Changes weighed against the worst each instance has been since it was last alive, remembered through
 * spells of `unknown` (source lost, sleep, grace): dead, then unknown, then stale and dead again is no
 * news; dead, then unknown, then alive is a recovery from dead.
 */
export class NewsMemory {
  private readonly worstSinceAlive = new Map<string, 'stale' | 'dead'>()

  /** The change as news (its `from` what the user last knew), or null if it tells nothing new. */
  of(view: TransitionView): TransitionView | null {
    const worst = this.worstSinceAlive.get(view.id)
    if (view.to === 'stale' || view.to === 'dead') {
      if (worst === 'dead' || worst === view.to) return null
      this.worstSinceAlive.set(view.id, view.to)
      return view
    }
    if (view.to !== 'unknown') this.worstSinceAlive.delete(view.id)
    return view.to === 'alive' && worst !== undefined ? { ...view, from: worst } : view
  }

  forgetSource(sourceId: string): void {
    for (const id of this.worstSinceAlive.keys())
      if (id.startsWith(`${sourceId}|`)) this.worstSinceAlive.delete(id)
  }
}
