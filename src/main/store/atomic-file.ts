/**
 * Files that survive a crash at any instant: written to a temporary file, fsynced, renamed over the old
 * one, and the folder fsynced. A file that cannot be read back is moved aside, never silently lost,
 * and never stops the app from starting.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = `${path}.${process.pid}.tmp`
  const file = openSync(temporary, 'w', mode)
  try {
    writeSync(file, text)
    fsyncSync(file)
  } finally {
    closeSync(file)
  }
  renameSync(temporary, path)
  syncFolder(dirname(path))
}

function syncFolder(folder: string): void {
  let handle: number | null = null
  try {
    handle = openSync(folder, 'r')
    fsyncSync(handle)
  } catch {
    // Some platforms (Windows) cannot open a folder; the rename is as durable as they allow.
  } finally {
    if (handle !== null) closeSync(handle)
  }
}

export type ReadResult<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'missing' }
  /** Unreadable: moved aside to `movedTo`, with why. */
  | { kind: 'corrupt'; reason: string; movedTo: string }

/** Reads and checks a JSON file; a file that fails `parse` is renamed `<name>.corrupt-<time>`. */
export function readJsonFile<T>(
  path: string,
  parse: (text: string) => { ok: true; value: T } | { ok: false; error: string },
  wallMs: number,
): ReadResult<T> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    return moveAside(path, `cannot read: ${(error as Error).message}`, wallMs)
  }
  const parsed = parse(text)
  if (parsed.ok) return { kind: 'ok', value: parsed.value }
  return moveAside(path, parsed.error, wallMs)
}

function moveAside(path: string, reason: string, wallMs: number): ReadResult<never> {
  const movedTo = `${path}.corrupt-${new Date(wallMs).toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(path, movedTo)
  } catch {
    return { kind: 'corrupt', reason, movedTo: `${path} (could not be moved aside)` }
  }
  return { kind: 'corrupt', reason, movedTo }
}
