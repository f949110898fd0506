/**
 * better-sqlite3, loaded on first use. It is an optional dependency with a native addon that must be
 * rebuilt for Electron's ABI: where it is missing or built for another runtime, only the SQLite sources
 * fail, each saying why, and everything else (headless mode on plain Node included) keeps working.
 */
import { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'

export type SqliteDatabase = BetterSqlite3.Database
export type OpenDatabase = (path: string, options: BetterSqlite3.Options) => SqliteDatabase
export type DriverResult = { ok: true; open: OpenDatabase } | { ok: false; error: string }

const loaded = new Map<string, OpenDatabase>()

/** `moduleId` is for tests, which name a module that is not there. */
export function loadBetterSqlite3(moduleId = 'better-sqlite3'): DriverResult {
  const known = loaded.get(moduleId)
  if (known) return { ok: true, open: known }
  try {
    // A runtime require the bundler leaves alone, so the app builds and starts without the module.
    const Database = createRequire(import.meta.url)(moduleId) as typeof BetterSqlite3
    // The native addon loads with the first database, not with the module: open one to find out now.
    new Database(':memory:').close()
    const open: OpenDatabase = (path, options) => new Database(path, options)
    loaded.set(moduleId, open)
    return { ok: true, open }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return { ok: false, error: `better-sqlite3 is not available: ${reason}` }
  }
}
