/**
 * Services roll up their instances (issue 8): counts by state, the worst live state, a summary. Pure and
 * shared, so the engine's API (`GET /api/services?group=service`) and the UI's service rows agree.
 */
import type { ServiceRollup, ServiceState, ServiceRow } from './model'

/** Worst first; `stopped` and `gone` are not live and only speak when nothing else does. */
const SEVERITY: readonly ServiceState[] = ['dead', 'stale', 'unknown', 'alive', 'stopped', 'gone']
const LIVE: ReadonlySet<ServiceState> = new Set(['dead', 'stale', 'unknown', 'alive'])

type Member = Pick<ServiceRow, 'id' | 'service' | 'source' | 'state'>

export function emptyStateCounts(): Record<ServiceState, number> {
  return { alive: 0, stale: 0, dead: 0, stopped: 0, gone: 0, unknown: 0 }
}

/** A service's id: its source and name, as rollups and mutes name it. */
export function serviceIdOf(instance: Pick<ServiceRow, 'source' | 'service'>): string {
  return `${instance.source}|${instance.service}`
}

/** An instance's id: its source, service and instance, as every view and command names it. */
export function instanceIdOf(source: string, service: string, instance: string): string {
  return `${source}|${service}|${instance}`
}

export function rollUp(instances: readonly ServiceRow[]): ServiceRollup[] {
  const groups = new Map<string, ServiceRow[]>()
  for (const instance of instances) {
    const key = serviceIdOf(instance)
    const group = groups.get(key)
    if (group) group.push(instance)
    else groups.set(key, [instance])
  }
  return [...groups.entries()].map(([id, members]) => rollUpService(id, members))
}

/** One service from its instances (at least one, all of the same source and service). */
export function rollUpService(id: string, members: readonly Member[]): ServiceRollup {
  const first = members[0] as Member
  const counts = emptyStateCounts()
  for (const member of members) counts[member.state]++
  const state = SEVERITY.find((candidate) => counts[candidate] > 0) ?? 'unknown'
  return {
    id,
    service: first.service,
    source: first.source,
    state,
    counts,
    summary: summarize(counts),
    instances: members.map((member) => member.id),
  }
}

/** "2 of 3 alive, 1 dead"; gone and stopped instances are mentioned apart ("1 gone"). */
export function summarize(counts: Record<ServiceState, number>): string {
  const live = [...LIVE].reduce((sum, state) => sum + counts[state], 0)
  const parts: string[] = []
  if (live > 0) {
    parts.push(`${counts.alive} of ${live} alive`)
    for (const state of ['dead', 'stale', 'unknown'] as const)
      if (counts[state] > 0) parts.push(`${counts[state]} ${state}`)
  }
  for (const state of ['stopped', 'gone'] as const)
    if (counts[state] > 0) parts.push(`${counts[state]} ${state}`)
  return parts.join(', ')
}
