/** Services roll up their instances (issue 8): counts by state, the worst live state, a summary. */
import type { ServiceRollup, ServiceState, ServiceView } from '../../shared/model'
import { emptyStateCounts } from './metrics'

/** Worst first; `stopped` and `gone` are not live and only speak when nothing else does. */
const SEVERITY: readonly ServiceState[] = ['dead', 'stale', 'unknown', 'alive', 'stopped', 'gone']
const LIVE: ReadonlySet<ServiceState> = new Set(['dead', 'stale', 'unknown', 'alive'])

export function rollUp(instances: readonly ServiceView[]): ServiceRollup[] {
  const groups = new Map<string, ServiceView[]>()
  for (const instance of instances) {
    const key = `${instance.source}|${instance.service}`
    const group = groups.get(key)
    if (group) group.push(instance)
    else groups.set(key, [instance])
  }
  return [...groups.entries()].map(([id, members]) => rollUpOne(id, members))
}

function rollUpOne(id: string, members: ServiceView[]): ServiceRollup {
  const first = members[0] as ServiceView
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
