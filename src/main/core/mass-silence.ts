/**
 * The mass-silence guard (issue 5; Eureka's self-preservation): when more than `share` of a source's
 * alive instances fall silent within one interval while its connection looks up, the likelier culprit
 * is the source or the network in between, not that many services at once. One "degraded" alert
 * stands for them all, and their own stale and dead alerts are held while the silence looks collective.
 * Once most are back (or the rest no longer make a majority), those still dead are real news again.
 */
export interface MassSilenceTuning {
  /** Eureka's renewal threshold is 85 %; issue 5 asks for more than half. */
  share: number
  /** Two silent instances are two deaths, not a pattern. */
  minSilent: number
}

export const DEFAULT_MASS_SILENCE: MassSilenceTuning = { share: 0.5, minSilent: 3 }

export interface Degraded {
  sinceWallMs: number
  /** How many fell silent together, out of how many were alive just before. */
  silent: number
  of: number
}

export type GuardVerdict =
  | { kind: 'tripped'; degraded: Degraded }
  /** The silence no longer looks collective: `back` members spoke again, `stillDead` did not. */
  | { kind: 'cleared'; back: number; stillDead: string[] }
  | null

interface Silence {
  /** Monotonic ms of its last heartbeat (or of the grace it got): when it fell silent. */
  silentSinceMs: number
  intervalMs: number
  dead: boolean
}

interface Episode {
  degraded: Degraded
  members: Set<string>
}

interface SourceSilences {
  silences: Map<string, Silence>
  episode: Episode | null
}

export class MassSilenceGuard {
  private readonly sources = new Map<string, SourceSilences>()

  constructor(private readonly tuning: MassSilenceTuning = DEFAULT_MASS_SILENCE) {}

  /** An instance stopped speaking (→ stale or → dead from a state that was not silent). */
  silent(sourceId: string, id: string, silentSinceMs: number, intervalMs: number, dead: boolean): void {
    const source = this.sourceOf(sourceId)
    source.silences.set(id, { silentSinceMs, intervalMs, dead })
    // While the source is degraded, every new silence is part of the same story.
    source.episode?.members.add(id)
  }

  /** A silent instance went from stale to dead. */
  died(sourceId: string, id: string): void {
    const silence = this.sources.get(sourceId)?.silences.get(id)
    if (silence) silence.dead = true
  }

  /** It spoke again or left (alive, unknown, gone, stopped); true if it was part of a degraded episode. */
  spoke(sourceId: string, id: string): boolean {
    const source = this.sources.get(sourceId)
    if (!source) return false
    const wasSilent = source.silences.delete(id)
    const member = source.episode?.members.has(id) === true
    if (source.silences.size === 0 && source.episode === null) this.sources.delete(sourceId)
    return wasSilent && member
  }

  /** Whether an instance's silence is covered by its source's degraded episode. */
  covers(sourceId: string, id: string): boolean {
    return this.sources.get(sourceId)?.episode?.members.has(id) === true
  }

  degraded(sourceId: string): Degraded | null {
    return this.sources.get(sourceId)?.episode?.degraded ?? null
  }

  degradedSources(): string[] {
    return [...this.sources.entries()].filter(([, source]) => source.episode).map(([id]) => id)
  }

  /** Decides for one source, given how many of its instances are alive now. */
  evaluate(sourceId: string, aliveNow: number, wallMs: number): GuardVerdict {
    const source = this.sources.get(sourceId)
    if (!source) return null
    if (source.episode) return this.clearIfOver(sourceId, source, aliveNow)
    const cluster = latestCluster(source.silences)
    if (!this.collective(cluster.length, aliveNow)) return null
    const degraded: Degraded = { sinceWallMs: wallMs, silent: cluster.length, of: aliveNow + cluster.length }
    source.episode = { degraded, members: new Set(cluster) }
    return { kind: 'tripped', degraded }
  }

  /** The source dropped or left: its outage is a story of its own, told elsewhere. */
  forgetSource(sourceId: string): boolean {
    const hadEpisode = this.sources.get(sourceId)?.episode != null
    this.sources.delete(sourceId)
    return hadEpisode
  }

  private clearIfOver(sourceId: string, source: SourceSilences, aliveNow: number): GuardVerdict {
    const episode = source.episode as Episode
    const stillSilent = [...episode.members].filter((id) => source.silences.has(id))
    if (this.collective(stillSilent.length, aliveNow)) return null
    source.episode = null
    if (source.silences.size === 0) this.sources.delete(sourceId)
    return {
      kind: 'cleared',
      back: episode.members.size - stillSilent.length,
      stillDead: stillSilent.filter((id) => source.silences.get(id)?.dead),
    }
  }

  /** More than `share` of those alive just before (the alive now plus the silent) and enough to count. */
  private collective(silent: number, aliveNow: number): boolean {
    return silent >= this.tuning.minSilent && silent > this.tuning.share * (aliveNow + silent)
  }

  private sourceOf(sourceId: string): SourceSilences {
    let source = this.sources.get(sourceId)
    if (!source) this.sources.set(sourceId, (source = { silences: new Map(), episode: null }))
    return source
  }
}

/** The silent instances that fell silent within one interval (the latest one's) of the latest silence. */
function latestCluster(silences: Map<string, Silence>): string[] {
  let latest: Silence | null = null
  for (const silence of silences.values())
    if (latest === null || silence.silentSinceMs > latest.silentSinceMs) latest = silence
  if (latest === null) return []
  const fromMs = latest.silentSinceMs - latest.intervalMs
  return [...silences.entries()].filter(([, silence]) => silence.silentSinceMs >= fromMs).map(([id]) => id)
}
