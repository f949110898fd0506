/**
 * What the user silenced: instances or whole services (a rollup id, `source|service`), until a time or
 * until they recover; and a snooze of every notification. Liveness goes on underneath: a muted
 * instance still goes stale and dead, it just does not notify.
 */
export interface Mute {
  /** Wall-clock ms, or null: until it recovers. */
  untilWallMs: number | null
}

export interface PersistedMutes {
  mutes: Record<string, Mute>
  snoozedUntilWallMs: number | null
}

export class Mutes {
  private readonly byTarget = new Map<string, Mute>()
  snoozedUntilWallMs: number | null = null

  static restore(saved: PersistedMutes, wallMs: number): Mutes {
    const mutes = new Mutes()
    for (const [target, mute] of Object.entries(saved.mutes)) {
      if (mute.untilWallMs === null || mute.untilWallMs > wallMs) mutes.byTarget.set(target, mute)
    }
    mutes.snoozedUntilWallMs =
      saved.snoozedUntilWallMs !== null && saved.snoozedUntilWallMs > wallMs ? saved.snoozedUntilWallMs : null
    return mutes
  }

  mute(target: string, untilWallMs: number | null): void {
    this.byTarget.set(target, { untilWallMs })
  }

  unmute(target: string): boolean {
    return this.byTarget.delete(target)
  }

  /** The mute in force for an instance, its own or its service's, or null. */
  muteOf(instanceId: string, serviceId: string, wallMs: number): Mute | null {
    return this.active(instanceId, wallMs) ?? this.active(serviceId, wallMs)
  }

  isSnoozed(wallMs: number): boolean {
    return this.snoozedUntilWallMs !== null && this.snoozedUntilWallMs > wallMs
  }

  /** An instance recovered: its until-recovered mute ends; its service's too once the service is well. */
  recovered(instanceId: string, serviceId: string, serviceStillFailing: boolean): boolean {
    let changed = false
    if (this.byTarget.get(instanceId)?.untilWallMs === null) changed = this.byTarget.delete(instanceId)
    if (!serviceStillFailing && this.byTarget.get(serviceId)?.untilWallMs === null) {
      changed = this.byTarget.delete(serviceId) || changed
    }
    return changed
  }

  toJSON(): PersistedMutes {
    return { mutes: Object.fromEntries(this.byTarget), snoozedUntilWallMs: this.snoozedUntilWallMs }
  }

  private active(target: string, wallMs: number): Mute | null {
    const mute = this.byTarget.get(target)
    if (!mute) return null
    if (mute.untilWallMs !== null && mute.untilWallMs <= wallMs) {
      this.byTarget.delete(target)
      return null
    }
    return mute
  }
}
