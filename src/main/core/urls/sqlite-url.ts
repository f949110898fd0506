/**
 * `sqlite:///abs/path/queue.db?every=5s&table=workers&interval=30s`: a worker registry table in a
 * SQLite file (seeds 003/004, PrismQ). The path must be absolute: a tray app's working directory is
 * wherever the desktop launched it, so a relative path would silently watch a different file.
 */
import { checkParams, optionalDuration, redactUrl, type Parsed } from './url-parts'

/** The two registry tables of seeds 003/004; `null` lets the source find one by looking at the schema. */
export const REGISTRY_TABLES = ['workers', 'worker_registry'] as const
export type RegistryTable = (typeof REGISTRY_TABLES)[number]

export interface SqliteRegistrySpec {
  kind: 'sqlite-registry'
  displayUrl: string
  /** Absolute path of the database file, percent-decoded. */
  path: string
  /** Forced by `table=`; null: found in the schema, `workers` first. */
  table: RegistryTable | null
  pollEveryMs: number
  defaultIntervalMs: number | null
}

/** Often enough to see a 30 s heartbeat within a sixth of its interval, rarely enough to cost nothing. */
export const DEFAULT_POLL_EVERY_MS = 5_000
/** Each poll runs synchronously on the main thread: below this it would be busy more than idle. */
export const MIN_POLL_EVERY_MS = 50

export function parseSqliteUrl(url: URL): Parsed<SqliteRegistrySpec> {
  const params = checkParams(url, ['every', 'table', 'interval'])
  if (!params.ok) return params
  const path = filePath(url)
  if (!path.ok) return path
  const every = optionalDuration(url, 'every')
  if (!every.ok) return every
  if (every.value !== null && every.value < MIN_POLL_EVERY_MS)
    return {
      ok: false,
      error: `every must be at least ${MIN_POLL_EVERY_MS}ms, got "${url.searchParams.get('every')}"`,
    }
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  const table = url.searchParams.get('table')
  if (table !== null && !isRegistryTable(table)) {
    return { ok: false, error: `table must be ${REGISTRY_TABLES.join(' or ')}, got "${table}"` }
  }
  return {
    ok: true,
    value: {
      kind: 'sqlite-registry',
      displayUrl: redactUrl(url.href),
      path: path.value,
      table,
      pollEveryMs: every.value ?? DEFAULT_POLL_EVERY_MS,
      defaultIntervalMs: interval.value,
    },
  }
}

function isRegistryTable(name: string): name is RegistryTable {
  return (REGISTRY_TABLES as readonly string[]).includes(name)
}

const EXAMPLE = 'sqlite:///abs/path/queue.db (three slashes)'

function filePath(url: URL): Parsed<string> {
  const host = url.hostname
  if (host === '.' || host === '..' || url.pathname === '' || !url.pathname.startsWith('/')) {
    return {
      ok: false,
      error: `the database path must be absolute, as in ${EXAMPLE}: a relative path would depend on where the app was started, in ${redactUrl(url.href)}`,
    }
  }
  if (host !== '' && host !== 'localhost') {
    return { ok: false, error: `a sqlite URL names a local file, not a host ("${host}"): write ${EXAMPLE}` }
  }
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return { ok: false, error: `bad percent-encoding in the database path ${url.pathname}` }
  }
  // sqlite:///C:/queue.db on Windows: the drive letter follows the slash that URLs put first.
  if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1)
  if (path.endsWith('/')) return { ok: false, error: `the database path names a directory: ${path}` }
  return { ok: true, value: path }
}
