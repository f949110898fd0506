/**
 * The services list as rows: grouped by source, then by service with its instances nested, filtered by
 * state and text, sorted. Pure: the list view renders whichever of these rows are in view.
 */
import type { ServiceRollup, ServiceState, ServiceRow } from '../../shared/model'
import { emptyStateCounts, rollUpService, serviceIdOf } from '../../shared/rollup'
import {
  compareEntries,
  naturalKey,
  severityRank,
  sortInstances,
  type SortEntry,
  type SortMode,
} from './service-order'

export interface ListFilter {
  /** Empty: every state. */
  states: ReadonlySet<ServiceState>
  text: string
  sort: SortMode
}

/** What the user opened or closed; everything else takes its default (groups open, gone closed). */
export interface ListExpansion {
  collapsedSources: ReadonlySet<string>
  collapsedServices: ReadonlySet<string>
  expandedGone: ReadonlySet<string>
}

export type ListRow =
  | {
      kind: 'source'
      key: string
      sourceId: string
      instanceCount: number
      counts: Record<ServiceState, number>
      collapsed: boolean
    }
  | { kind: 'service'; key: string; rollup: ServiceRollup; collapsed: boolean }
  /** `nested`: under a service row; otherwise the service's only instance, standing for the service. */
  | { kind: 'instance'; key: string; id: string; nested: boolean }
  /** "3 gone": the replaced and removed instances of a service, listed apart. */
  | { kind: 'gone'; key: string; serviceId: string; count: number; expanded: boolean }

export interface ServiceList {
  rows: ListRow[]
  /** Instances by state among those the text matches: the counts on the state filter chips. */
  counts: Record<ServiceState, number>
  /** Instances the text and the state filter let through. */
  matching: number
  total: number
}

interface ServiceGroup {
  service: string
  /** Its rollup id; made only for a service of several instances (see groupId). */
  id: string | null
  all: ServiceRow[]
  shown: ServiceRow[]
}

interface SourceTotals {
  count: number
  counts: Record<ServiceState, number>
  /** By service name: nested maps, so the hot loop builds no key string per instance. */
  groups: Map<string, ServiceGroup>
}

/** Lower-cased words; an instance matches when every word is in its service, instance, host or source. */
export function searchTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean)
}

export function matchesSearch(instance: ServiceRow, terms: readonly string[]): boolean {
  if (terms.length === 0) return true
  const haystack =
    `${instance.service}\n${instance.instance}\n${instance.host ?? ''}\n${instance.source}`.toLowerCase()
  return terms.every((term) => haystack.includes(term))
}

export function buildServiceList(
  instances: Iterable<ServiceRow>,
  sourceOrder: readonly string[],
  filter: ListFilter,
  expansion: ListExpansion,
): ServiceList {
  const terms = searchTerms(filter.text)
  const counts = emptyStateCounts()
  const sources = new Map<string, SourceTotals>(sourceOrder.map((id) => [id, newSourceTotals()]))
  let total = 0
  let matching = 0
  for (const instance of instances) {
    total++
    let totals = sources.get(instance.source)
    if (!totals) sources.set(instance.source, (totals = newSourceTotals()))
    let group = totals.groups.get(instance.service)
    if (!group) {
      group = { service: instance.service, id: null, all: [], shown: [] }
      totals.groups.set(instance.service, group)
    }
    group.all.push(instance)
    totals.count++
    totals.counts[instance.state]++
    if (!matchesSearch(instance, terms)) continue
    counts[instance.state]++
    if (filter.states.size > 0 && !filter.states.has(instance.state)) continue
    matching++
    group.shown.push(instance)
  }

  const filtering = filter.states.size > 0 || terms.length > 0
  const goneOpenByFilter = filter.states.has('gone') || terms.length > 0
  const rows: ListRow[] = []
  for (const [sourceId, totals] of orderSources(sources, sourceOrder)) {
    const shownGroups = [...totals.groups.values()].filter((group) => group.shown.length > 0)
    if (filtering && shownGroups.length === 0) continue
    const collapsed = expansion.collapsedSources.has(sourceId)
    rows.push({
      kind: 'source',
      key: `source:${sourceId}`,
      sourceId,
      instanceCount: totals.count,
      counts: totals.counts,
      collapsed,
    })
    if (collapsed) continue
    for (const group of sortGroups(shownGroups, filter.sort)) {
      const only = soleInstance(group)
      if (only !== null) {
        rows.push(instanceRow(only, false))
        continue
      }
      const serviceId = groupId(group)
      const rollup = rollUpService(serviceId, group.all)
      const serviceCollapsed = expansion.collapsedServices.has(serviceId)
      rows.push({ kind: 'service', key: `service:${serviceId}`, rollup, collapsed: serviceCollapsed })
      if (serviceCollapsed) continue
      const sorted = sortInstances(group.shown, filter.sort)
      const gone = sorted.filter((instance) => instance.state === 'gone')
      for (const instance of sorted) if (instance.state !== 'gone') rows.push(instanceRow(instance, true))
      if (gone.length === 0) continue
      // Open while filtering for them; the chevron still closes them (or opens them otherwise).
      const expanded = goneOpenByFilter !== expansion.expandedGone.has(serviceId)
      rows.push({ kind: 'gone', key: `gone:${serviceId}`, serviceId, count: gone.length, expanded })
      if (expanded) for (const instance of gone) rows.push(instanceRow(instance, true))
    }
  }
  return { rows, counts, matching, total }
}

/** Made on demand: 10,000 services of one instance each would be 10,000 strings nobody reads. */
function groupId(group: ServiceGroup): string {
  return (group.id ??= serviceIdOf(group.all[0] as ServiceRow))
}

function instanceRow(instance: ServiceRow, nested: boolean): ListRow {
  return { kind: 'instance', key: instanceRowKey(instance.id), id: instance.id, nested }
}

/**
 * The key of an instance's row, wherever it sits in the list: its id. No other row's key can be one
 * (theirs start with their kind and a colon, an id with its source's URL), and a prefix would be 10,000
 * more strings for a first list.
 */
export function instanceRowKey(id: string): string {
  return id
}

function newSourceTotals(): SourceTotals {
  return { count: 0, counts: emptyStateCounts(), groups: new Map() }
}

/** A service's only instance, when it has one (and it is not gone): that row stands for the service. */
function soleInstance(group: ServiceGroup): ServiceRow | null {
  const only = group.all.length === 1 ? group.all[0] : undefined
  return only !== undefined && only.state !== 'gone' ? only : null
}

/** Configured sources in their own order (a stable place for each), then any others by name. */
function orderSources(
  sources: Map<string, SourceTotals>,
  sourceOrder: readonly string[],
): [string, SourceTotals][] {
  const known = new Set(sourceOrder)
  const others = [...sources.keys()].filter((id) => !known.has(id)).sort()
  return [...sourceOrder, ...others].map((id) => [id, sources.get(id) as SourceTotals])
}

/** Groups in display order; a group's state is its worst instance's, as its rollup would say. */
function sortGroups(groups: readonly ServiceGroup[], mode: SortMode): ServiceGroup[] {
  // One object per group, which is its own sort entry: this sorts every service of a first list.
  const entries = groups.map((group): SortEntry & { group: ServiceGroup } => ({
    group,
    state: mode === 'severity' ? worstState(group.all) : 'unknown',
    nameKey: naturalKey(group.service),
    lastSeen: mode === 'age' ? oldestLastSeen(group.shown) : null,
  }))
  entries.sort((a, b) => compareEntries(mode, a, b))
  return entries.map((entry) => entry.group)
}

function worstState(instances: readonly ServiceRow[]): ServiceState {
  let worst = (instances[0] as ServiceRow).state
  for (const instance of instances)
    if (severityRank(instance.state) < severityRank(worst)) worst = instance.state
  return worst
}

/** The longest-silent instance still expected to beat (gone ones are not), or any if none is. */
function oldestLastSeen(instances: readonly ServiceRow[]): string | null {
  const expected = instances.filter((instance) => instance.state !== 'gone' && instance.state !== 'stopped')
  let oldest: string | undefined
  for (const instance of expected.length > 0 ? expected : instances) {
    if (instance.lastSeen === null) return null
    if (oldest === undefined || instance.lastSeen < oldest) oldest = instance.lastSeen
  }
  return oldest ?? null
}
