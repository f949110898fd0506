/**
 * Files that survive a crash at any instant: written to a temporary file, fsynced, renamed over the old
 * one, and the folder fsynced. A file that cannot be read back is moved aside, never silently lost,
 * and never stops the app from starting.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
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

/**
 * The same, with the slow part (writing and fsyncing megabytes, which a busy disk can stretch to
 * seconds) off the event loop. Only the rename runs on it, so a synchronous `writeFileAtomic` of the same
 * file is never overtaken: `stillWanted`, asked just before the rename, says whether this write still
 * matters (false: it was superseded, and is dropped). Resolves whether it was renamed into place.
 */
export async function writeFileAtomicInBackground(
  path: string,
  text: string,
  stillWanted: () => boolean,
  mode = 0o600,
): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = `${path}.${process.pid}.background.tmp`
  const file = await open(temporary, 'w', mode)
  try {
    await file.writeFile(text)
    await file.sync()
  } finally {
    await file.close()
  }
  if (!stillWanted()) {
    await rm(temporary, { force: true })
    return false
  }
  renameSync(temporary, path)
  await syncFolderInBackground(dirname(path))
  return true
}

async function syncFolderInBackground(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // As in syncFolder: where a folder cannot be opened, the rename is as durable as allowed.
  }
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
