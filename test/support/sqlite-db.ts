/**
 * SQLite files written by other processes, as PrismQ's workers write them: a temp directory per test,
 * one-shot SQL through python3's sqlite3 module, and long-running workers (prismq-worker.py).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const WORKER_SCRIPT = join(__dirname, 'prismq-worker.py')

/** PrismQ's workers table, exactly as its schema.py creates it. */
export const WORKERS_TABLE = `CREATE TABLE IF NOT EXISTS workers (
  worker_id      TEXT PRIMARY KEY,
  capabilities   TEXT NOT NULL,
  heartbeat_utc  DATETIME NOT NULL DEFAULT (datetime('now'))
);`

/** PrismQ's task_queue (schema.py), generated columns included. */
export const TASK_QUEUE_TABLE = `CREATE TABLE IF NOT EXISTS task_queue (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  type               TEXT NOT NULL,
  priority           INTEGER NOT NULL DEFAULT 100,
  payload            TEXT NOT NULL,
  compatibility      TEXT NOT NULL DEFAULT '{}',
  status             TEXT NOT NULL DEFAULT 'queued',
  attempts           INTEGER NOT NULL DEFAULT 0,
  max_attempts       INTEGER NOT NULL DEFAULT 5,
  run_after_utc      DATETIME NOT NULL DEFAULT (datetime('now')),
  lease_until_utc    DATETIME,
  reserved_at_utc    DATETIME,
  processing_started_utc DATETIME,
  finished_at_utc    DATETIME,
  locked_by          TEXT,
  error_message      TEXT,
  idempotency_key    TEXT,
  created_at_utc     DATETIME NOT NULL DEFAULT (datetime('now')),
  updated_at_utc     DATETIME NOT NULL DEFAULT (datetime('now')),
  region             TEXT GENERATED ALWAYS AS (json_extract(compatibility, '$.region')) VIRTUAL,
  format             TEXT GENERATED ALWAYS AS (json_extract(payload, '$.format')) VIRTUAL
);`

export interface TempDir {
  path: string
  file(name: string): string
  remove(): void
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'hbtray-sqlite-'))
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  }
}

/** Runs a SQL script in another process (python3's sqlite3), committed when it returns. */
export function runSql(dbPath: string, script: string): void {
  const program =
    'import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=5)\nc.executescript(sys.argv[2])\nc.close()'
  const result = spawnSync('python3', ['-c', program, dbPath, script], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`python3 sqlite3 failed: ${result.stderr || result.error}`)
}

export interface Worker {
  process: ChildProcess
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
  kill(signal: NodeJS.Signals): Promise<number | null>
}

/** A PrismQ worker beating every 200 ms (datetime('now') only moves once a second). */
export async function startWorker(
  dbPath: string,
  workerId: string,
  shape: 'workers' | 'worker_registry' = 'workers',
): Promise<Worker> {
  const child = spawn('python3', [WORKER_SCRIPT, dbPath, workerId, shape], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve()
    })
    void exited.then((code) => reject(new Error(`worker exited (${code}) before ready: ${stderr}`)))
  })
  return {
    process: child,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
