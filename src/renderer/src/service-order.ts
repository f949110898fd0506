/** How rows are ordered: by severity, by name, or by how long since the last heartbeat. */
import { SERVICE_STATES, type ServiceState, type ServiceRow } from '../../shared/model'

export type SortMode = 'severity' | 'name' | 'age'

export const SORT_MODES: readonly SortMode[] = ['severity', 'name', 'age']

/** What a row is sorted on, computed once per row rather than once per comparison. */
export interface SortEntry {
  state: ServiceState
  /** naturalKey of the name. */
  nameKey: string
  /** ISO time of the last heartbeat (the oldest, for a group); null sorts first: never heard from. */
  lastSeen: string | null
}

const keyCache = new Map<string, string>()
const KEY_CACHE_LIMIT = 100_000
const KEY_DIGITS = 12
const ZEROS = '0'.repeat(KEY_DIGITS)

/**
 * A key that plain string comparison orders the way people read names: case-insensitive, and numbers
 * by value, so "worker-2" sorts before "worker-10". Far cheaper than Intl.Collator at 10,000 rows.
 */
export function naturalKey(name: string): string {
  let key = keyCache.get(name)
  if (key === undefined) {
    key = padDigitRuns(name.toLowerCase())
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear()
    keyCache.set(name, key)
  }
  return key
}

/**
 * Every run of ASCII digits left-padded with zeros to KEY_DIGITS. A scan rather than a regular
 * expression with a replacer: the first full list computes 20,000 of these, and this is three times
 * faster.
 */
function padDigitRuns(text: string): string {
  let key = ''
  let copiedTo = 0
  let at = 0
  while (at < text.length) {
    if (!isDigit(text.charCodeAt(at))) {
      at++
      continue
    }
    let end = at + 1
    while (end < text.length && isDigit(text.charCodeAt(end))) end++
    key += text.slice(copiedTo, at) + ZEROS.slice(Math.min(KEY_DIGITS, end - at)) + text.slice(at, end)
    copiedTo = at = end
  }
  return copiedTo === 0 ? text : key + text.slice(copiedTo)
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

const SEVERITY_RANKS = Object.fromEntries(SERVICE_STATES.map((state, rank) => [state, rank])) as Record<
  ServiceState,
  number
>

export function severityRank(state: ServiceState): number {
  return SEVERITY_RANKS[state]
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareLastSeen(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  return compareText(a, b)
}

/** Severity: worst first. Age: longest silent first. Ties fall back to the name. */
export function compareEntries(mode: SortMode, a: SortEntry, b: SortEntry): number {
  const byName = compareText(a.nameKey, b.nameKey)
  switch (mode) {
    case 'severity':
      return severityRank(a.state) - severityRank(b.state) || byName
    case 'age':
      return compareLastSeen(a.lastSeen, b.lastSeen) || byName
    case 'name':
      return byName
  }
}

function instanceEntry(instance: ServiceRow): SortEntry {
  return {
    state: instance.state,
    nameKey: `${naturalKey(instance.service)}\u0000${naturalKey(instance.instance)}`,
    lastSeen: instance.lastSeen,
  }
}

/** Instances in display order; sorts a copy. */
export function sortInstances(instances: Iterable<ServiceRow>, mode: SortMode): ServiceRow[] {
  const entries = [...instances].map((instance) => ({ instance, entry: instanceEntry(instance) }))
  entries.sort((a, b) => compareEntries(mode, a.entry, b.entry))
  return entries.map(({ instance }) => instance)
}
