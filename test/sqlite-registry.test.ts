/**
 * The SQLite worker registry source (seeds 003/004) on real SQLite files, written by other processes
 * (python3's sqlite3, as PrismQ's workers are Python) while the source polls them read-only.
 */
import { spawn } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { SourceState } from '../src/shared/model'
import { parseSourceUrl } from '../src/main/core/source-url'
import type { SqliteRegistrySpec } from '../src/main/core/urls/sqlite-url'
import { loadBetterSqlite3 } from '../src/main/sources/sqlite-driver'
import { SqliteRegistrySource } from '../src/main/sources/sqlite-registry'
import type { RecordOrigin, Removal, SourceDetails } from '../src/main/sources/source'
import { watch, type Harness } from './support/engine-harness'
import {
  runSql,
  startWorker,
  tempDir,
  TASK_QUEUE_TABLE,
  WORKERS_TABLE,
  type Worker,
} from './support/sqlite-db'
import { waitFor } from './support/wait'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function newDbPath(): string {
  const dir = tempDir()
  cleanups.push(() => dir.remove())
  return dir.file('queue.db')
}

/** datetime('now') moves once a second, so a 1 s interval: stale after 1.5 s, dead after 3 s. */
function watchDb(path: string, query = 'every=100ms&interval=1s'): Harness {
  const harness = watch(`sqlite://${path}?${query}`)
  cleanups.push(() => harness.stop())
  return harness
}

async function worker(path: string, id: string, shape?: 'workers' | 'worker_registry'): Promise<Worker> {
  const started = await startWorker(path, id, shape)
  cleanups.push(() => started.kill('SIGKILL'))
  return started
}

function sourceView(harness: Harness) {
  return harness.engine.sourceViews()[0]
}

describe('SQLite worker registry: the workers table PrismQ writes', () => {
  it('sees a worker alive while it beats in WAL mode; killed, it goes stale, then dead', async () => {
    const path = newDbPath()
    const writer = await worker(path, 'worker-01')
    expect(existsSync(`${path}-wal`)).toBe(true)
    const harness = watchDb(path)
    await harness.waitForSource('connected')
    await harness.waitForState('worker-01', 'alive')
    const view = harness.engine.services().find((s) => s.instance === 'worker-01')
    expect(view?.payload.capabilities).toEqual({ cpu: 8 })
    expect(sourceView(harness)?.details).toEqual({ table: 'workers' })

    await writer.kill('SIGKILL')
    await harness.waitForState('worker-01', 'dead', 8_000)
    expect(harness.transitions.map((t) => t.to)).toEqual(['alive', 'stale', 'dead'])
    expect(sourceView(harness)?.state).toBe('connected')

    // The killed writer left its WAL behind: a new read-only connection still reads the row.
    expect(existsSync(`${path}-wal`)).toBe(true)
    const second = watch(`sqlite://${path}?every=100ms&interval=1s`)
    cleanups.push(() => second.stop())
    await waitFor(() => second.engine.services().length === 1, 5_000, 'the row read by a fresh connection')
  })

  it('calls a row deleted by the worker’s own shutdown, just after a heartbeat, stopped', async () => {
    const path = newDbPath()
    const writer = await worker(path, 'worker-01')
    const harness = watchDb(path, 'every=100ms&interval=2s')
    await harness.waitForState('worker-01', 'alive')
    // SIGTERM: seed 004's shutdown() calls remove_worker, a DELETE, while its heartbeat is fresh.
    expect(await writer.kill('SIGTERM')).toBe(0)
    await harness.waitForState('worker-01', 'stopped')
    expect(harness.transitions.map((t) => [t.to, t.reason])).toEqual([
      ['alive', 'heartbeat received'],
      ['stopped', 'removed by its own clean stop'],
    ])
  })

  it('calls a row deleted by the stale-worker cleanup gone, after it went stale and dead', async () => {
    const path = newDbPath()
    const writer = await worker(path, 'worker-02')
    const harness = watchDb(path)
    await harness.waitForState('worker-02', 'alive')
    await writer.kill('SIGKILL')
    await harness.waitForState('worker-02', 'dead', 8_000)
    // PrismQ's cleanup_stale_workers(force=True), with a 2 s threshold.
    runSql(path, `DELETE FROM workers WHERE (JULIANDAY('now') - JULIANDAY(heartbeat_utc)) * 86400 > 2;`)
    await harness.waitForState('worker-02', 'gone')
    expect(harness.transitions.map((t) => [t.to, t.reason])).toEqual([
      ['alive', 'heartbeat received'],
      ['stale', expect.any(String)],
      ['dead', expect.any(String)],
      ['gone', 'removed from its registry'],
    ])
  })

  it('keeps capabilities that are not JSON as text, and counts a row without worker_id, not crashing', async () => {
    const path = newDbPath()
    runSql(
      path,
      `PRAGMA journal_mode=WAL; ${WORKERS_TABLE}
       INSERT INTO workers VALUES ('odd', 'gpu, cpu {not json', datetime('now', '-1 second'));
       INSERT INTO workers VALUES (NULL, '{}', datetime('now'));`,
    )
    const harness = watchDb(path)
    await waitFor(() => sourceView(harness)?.rejected === 1, 5_000, 'one rejection')
    expect(sourceView(harness)?.lastRejections[0]?.reason).toBe('missing worker_id')
    runSql(path, `UPDATE workers SET heartbeat_utc = datetime('now', '+1 second') WHERE worker_id = 'odd';`)
    await harness.waitForState('odd', 'alive')
    const view = harness.engine.services().find((s) => s.instance === 'odd')
    expect(view?.payload.capabilities).toBe('gpu, cpu {not json')
    expect(sourceView(harness)?.state).toBe('connected')
  })

  it('follows a database deleted and created anew', async () => {
    const path = newDbPath()
    runSql(
      path,
      `PRAGMA journal_mode=WAL; ${WORKERS_TABLE} INSERT INTO workers VALUES ('old', '{}', datetime('now'));`,
    )
    const harness = watchDb(path)
    await waitFor(() => harness.stateOf('old') !== undefined, 5_000, 'the old worker')
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true })
    runSql(
      path,
      `PRAGMA journal_mode=WAL; ${WORKERS_TABLE} INSERT INTO workers VALUES ('new', '{}', datetime('now'));`,
    )
    await harness.waitForState('old', 'gone')
    await waitFor(() => harness.stateOf('new') !== undefined, 5_000, 'the new worker')
  })
})

describe('SQLite worker registry: seed 003’s worker_registry table', () => {
  it('sees the worker alive, keeps status as reported health and its columns for display', async () => {
    const path = newDbPath()
    const writer = await worker(path, 'worker-02', 'worker_registry')
    const harness = watchDb(path, 'every=100ms&interval=500ms')
    await harness.waitForState('worker-02', 'alive')
    let view = harness.engine.services().find((s) => s.instance === 'worker-02')
    expect(view).toMatchObject({ reported: 'active', host: 'node-7' })
    expect(view?.payload.tasks_processed).toBe(0)

    // Seed 003's monitor marks a failed worker; what the row says is shown, liveness is ours.
    runSql(
      path,
      `UPDATE worker_registry SET status = 'failed', tasks_processed = 89 WHERE worker_id = 'worker-02';`,
    )
    await waitFor(
      () => harness.engine.services().find((s) => s.instance === 'worker-02')?.reported === 'failed',
      5_000,
      'reported failed',
    )
    view = harness.engine.services().find((s) => s.instance === 'worker-02')
    expect(view?.payload.tasks_processed).toBe(89)
    expect(sourceView(harness)?.details).toEqual({ table: 'worker_registry' })

    await writer.kill('SIGKILL')
    await harness.waitForState('worker-02', 'dead', 5_000)
  })

  it('watches the table that table= names when both exist', async () => {
    const path = newDbPath()
    runSql(
      path,
      `${WORKERS_TABLE} CREATE TABLE worker_registry (worker_id TEXT PRIMARY KEY, status TEXT DEFAULT 'active', last_heartbeat TEXT, tasks_processed INTEGER DEFAULT 0, started_at TEXT, metadata TEXT);
       INSERT INTO workers VALUES ('from-workers', '{}', datetime('now'));
       INSERT INTO worker_registry (worker_id, last_heartbeat) VALUES ('from-registry', '2025-11-05T10:15:30Z');`,
    )
    const byDefault = watchDb(path)
    const forced = watchDb(path, 'every=100ms&table=worker_registry')
    await waitFor(() => byDefault.stateOf('from-workers') !== undefined, 5_000, 'workers table by default')
    await waitFor(() => forced.stateOf('from-registry') !== undefined, 5_000, 'forced worker_registry')
    expect(byDefault.engine.services()).toHaveLength(1)
    expect(forced.engine.services()).toHaveLength(1)
  })
})

describe('SQLite worker registry: the task queue beside it', () => {
  it('shows queue depth by status and the age of the oldest queued task, and follows changes', async () => {
    const path = newDbPath()
    runSql(
      path,
      `PRAGMA journal_mode=WAL; ${WORKERS_TABLE} ${TASK_QUEUE_TABLE}
       INSERT INTO task_queue (type, payload, status, created_at_utc) VALUES
         ('video', '{}', 'queued', datetime('now', '-120 seconds')),
         ('video', '{}', 'queued', datetime('now', '-10 seconds')),
         ('audio', '{}', 'queued', datetime('now')),
         ('audio', '{}', 'processing', datetime('now')),
         ('audio', '{}', 'completed', datetime('now')),
         ('audio', '{}', 'completed', datetime('now')),
         ('audio', '{}', 'failed', datetime('now')),
         ('audio', '{}', 'dead_letter', datetime('now'));`,
    )
    const harness = watchDb(path)
    await waitFor(() => sourceView(harness)?.details.tasks_queued === 3, 5_000, 'queue details')
    const details = sourceView(harness)?.details as SourceDetails
    expect(details).toMatchObject({
      table: 'workers',
      tasks_queued: 3,
      tasks_leased: 0,
      tasks_processing: 1,
      tasks_completed: 2,
      tasks_failed: 1,
      tasks_dead_letter: 1,
    })
    expect(details.oldest_queued_age_s).toBeGreaterThanOrEqual(119)
    expect(details.oldest_queued_age_s).toBeLessThan(130)

    runSql(path, `UPDATE task_queue SET status = 'leased' WHERE status = 'queued';`)
    await waitFor(() => sourceView(harness)?.details.tasks_leased === 3, 5_000, 'leased tasks')
    expect(sourceView(harness)?.details).toMatchObject({ tasks_queued: 0, oldest_queued_age_s: null })
  })
})

describe('SQLite worker registry: what can go wrong', () => {
  it('says the file is missing, then watches it once a worker creates it', async () => {
    const path = newDbPath()
    const harness = watchDb(path)
    await harness.waitForSource('disconnected')
    expect(sourceView(harness)?.lastError).toBe(`database file not found: ${path}`)
    await worker(path, 'late-worker')
    await harness.waitForSource('connected')
    await harness.waitForState('late-worker', 'alive')
  })

  it('names the tables it looked for when neither is there, and picks one up when it is created', async () => {
    const path = newDbPath()
    runSql(path, 'PRAGMA journal_mode=WAL; CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT);')
    const harness = watchDb(path)
    await harness.waitForSource('disconnected')
    expect(sourceView(harness)?.lastError).toBe(
      `no workers or worker_registry table in ${path} (tables: jobs)`,
    )

    runSql(path, `${WORKERS_TABLE} INSERT INTO workers VALUES ('w', '{}', datetime('now'));`)
    await harness.waitForSource('connected')
    await waitFor(() => harness.stateOf('w') !== undefined, 5_000, 'the worker')
  })

  it('refuses a workers table of another shape, saying which columns it lacks', async () => {
    const path = newDbPath()
    runSql(path, 'CREATE TABLE workers (id INTEGER PRIMARY KEY, name TEXT);')
    const harness = watchDb(path)
    await harness.waitForSource('disconnected')
    expect(sourceView(harness)?.lastError).toBe(
      'table workers has no worker_id and heartbeat_utc or last_heartbeat column, so it is not a worker registry (columns: id, name)',
    )
  })

  it('says a file that is not a database is not one', async () => {
    const path = newDbPath()
    writeFileSync(path, 'not a database, only text. '.repeat(200))
    const harness = watchDb(path)
    await harness.waitForSource('disconnected')
    expect(sourceView(harness)?.lastError).toBe(`file is not a database: ${path}`)
  })
})

/** The transport alone, with every call it makes recorded. */
interface Recorded {
  health: { state: SourceState; error: string | null }[]
  messages: { raw: string; channel: string | null; origin: RecordOrigin | undefined }[]
  removed: { key: string; how: Removal }[]
}

function startSource(
  path: string,
  query: string,
  options: Partial<ConstructorParameters<typeof SqliteRegistrySource>[1]> = {},
) {
  const parsed = parseSourceUrl(`sqlite://${path}?${query}`)
  if (!parsed.ok) throw new Error(parsed.error)
  const source = new SqliteRegistrySource(parsed.spec as SqliteRegistrySpec, {
    expectedIntervalMs: 1_000,
    ...options,
  })
  const recorded: Recorded = { health: [], messages: [], removed: [] }
  source.start({
    message: (raw, channel, origin) => recorded.messages.push({ raw, channel, origin }),
    removed: (key, how) => recorded.removed.push({ key, how }),
    health: (state, error) => recorded.health.push({ state, error }),
    details: () => undefined,
  })
  cleanups.push(() => source.stop())
  return recorded
}

describe('SQLite worker registry transport', () => {
  it('reports disconnected, with the reason, when better-sqlite3 cannot be loaded', async () => {
    const missing = loadBetterSqlite3('better-sqlite3-not-installed')
    expect(missing).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^better-sqlite3 is not available: Cannot find module/),
    })
    const recorded = startSource(newDbPath(), 'every=100ms', { loadDriver: () => missing })
    expect(recorded.health).toEqual([
      { state: 'connecting', error: null },
      { state: 'disconnected', error: expect.stringMatching(/^better-sqlite3 is not available: /) },
    ])
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(recorded.health).toHaveLength(2)
  })

  it('hands over a row only when new or changed, first as an initial scan', async () => {
    const path = newDbPath()
    runSql(
      path,
      `PRAGMA journal_mode=WAL; ${WORKERS_TABLE} INSERT INTO workers VALUES ('a', '{}', '2025-11-05 10:15:30');`,
    )
    const recorded = startSource(path, 'every=50ms')
    await waitFor(() => recorded.messages.length === 1, 5_000, 'the first scan')
    expect(recorded.messages[0]).toEqual({
      raw: '{"worker_id":"a","capabilities":"{}","heartbeat_utc":"2025-11-05 10:15:30"}',
      channel: 'workers',
      origin: { key: 'a', initialScan: true },
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(recorded.messages).toHaveLength(1)
    runSql(
      path,
      `UPDATE workers SET heartbeat_utc = '2025-11-05 10:15:31' WHERE worker_id = 'a'; INSERT INTO workers VALUES ('b', '{}', datetime('now'));`,
    )
    await waitFor(() => recorded.messages.length === 3, 5_000, 'the change and the new row')
    expect(recorded.messages.slice(1).map((m) => m.origin)).toEqual([
      { key: 'a', initialScan: false },
      { key: 'b', initialScan: false },
    ])
    expect(recorded.health.map((h) => h.state)).toEqual(['connecting', 'connected'])
  })

  it('waits out a writer’s lock (SQLITE_BUSY) without an error, and reports only a lock that lasts', async () => {
    const path = newDbPath()
    // A rollback-journal database: there, unlike in WAL mode, a writer's lock shuts readers out.
    runSql(
      path,
      `PRAGMA journal_mode=DELETE; ${WORKERS_TABLE} INSERT INTO workers VALUES ('a', '{}', '2025-11-05 10:15:30');`,
    )
    const recorded = startSource(path, 'every=50ms')
    await waitFor(() => recorded.messages.length === 1, 5_000, 'the first scan')

    await holdExclusiveLock(path, 300)
    await waitFor(() => recorded.messages.length === 2, 5_000, 'the change made under the lock')
    expect(recorded.health.map((h) => h.state)).toEqual(['connecting', 'connected'])

    await holdExclusiveLock(path, 2_500)
    await waitFor(() => recorded.messages.length >= 3, 5_000, 'the second change')
    expect(recorded.health.map((h) => h.state)).toEqual([
      'connecting',
      'connected',
      'disconnected',
      'connected',
    ])
    expect(recorded.health[2]?.error).toMatch(/^database locked for 5 polls in a row: database is locked/)
  })
})

/** Another process takes an EXCLUSIVE lock, changes the row, holds the lock for `ms`, commits. */
async function holdExclusiveLock(path: string, ms: number): Promise<void> {
  const program = [
    'import sqlite3, sys, time',
    'c = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)',
    "c.execute('BEGIN EXCLUSIVE')",
    "c.execute(\"UPDATE workers SET heartbeat_utc = datetime('now') WHERE worker_id = 'a'\")",
    "print('locked', flush=True)",
    'time.sleep(float(sys.argv[2]))',
    "c.execute('COMMIT')",
  ].join('\n')
  const child = spawn('python3', ['-c', program, path, String(ms / 1000)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  cleanups.push(() => void child.kill('SIGKILL'))
  await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()))
  await new Promise((resolve) => child.on('exit', resolve))
}
