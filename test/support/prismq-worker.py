"""A PrismQ queue worker's heartbeat, as seeds 003/004 write it, for test/sqlite-registry.test.ts.

usage: prismq-worker.py DB_PATH WORKER_ID [workers|worker_registry] [EVERY_SECONDS]

workers: PrismQ's code (Backend/src/queue/schema.py, monitoring.py): the WAL pragmas, the workers
table exactly, register_worker's upsert, update_heartbeat's datetime('now'), and on SIGTERM the
shutdown() of seed 004's "Worker Heartbeat Loop", which calls remove_worker (DELETE) and exits.
worker_registry: seed 003's document: its table, status 'active', ISO UTC heartbeats.
Prints "ready" once registered.
"""
import datetime
import json
import signal
import sqlite3
import sys
import time

db_path, worker_id = sys.argv[1], sys.argv[2]
shape = sys.argv[3] if len(sys.argv) > 3 else "workers"
every_s = float(sys.argv[4]) if len(sys.argv) > 4 else 0.2

conn = sqlite3.connect(db_path, timeout=5.0)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("PRAGMA synchronous=NORMAL")
conn.execute("PRAGMA busy_timeout=5000")


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


if shape == "workers":
    conn.execute(
        """
CREATE TABLE IF NOT EXISTS workers (
  worker_id      TEXT PRIMARY KEY,
  capabilities   TEXT NOT NULL,
  heartbeat_utc  DATETIME NOT NULL DEFAULT (datetime('now'))
);
"""
    )
    conn.execute(
        """
INSERT INTO workers (worker_id, capabilities, heartbeat_utc)
VALUES (?, ?, datetime('now'))
ON CONFLICT(worker_id) DO UPDATE SET
    capabilities = excluded.capabilities,
    heartbeat_utc = datetime('now')
""",
        (worker_id, json.dumps({"cpu": 8})),
    )

    def beat():
        conn.execute("UPDATE workers SET heartbeat_utc = datetime('now') WHERE worker_id = ?", (worker_id,))

    def remove():
        conn.execute("DELETE FROM workers WHERE worker_id = ?", (worker_id,))

else:
    conn.execute(
        """
CREATE TABLE IF NOT EXISTS worker_registry (
    worker_id TEXT PRIMARY KEY,
    status TEXT DEFAULT 'active',
    last_heartbeat TEXT,
    tasks_processed INTEGER DEFAULT 0,
    started_at TEXT,
    metadata TEXT
);
"""
    )
    conn.execute(
        "INSERT OR REPLACE INTO worker_registry (worker_id, status, last_heartbeat, started_at, metadata)"
        " VALUES (?, 'active', ?, ?, ?)",
        (worker_id, utc_now(), utc_now(), json.dumps({"host": "node-7"})),
    )

    def beat():
        conn.execute("UPDATE worker_registry SET last_heartbeat = ? WHERE worker_id = ?", (utc_now(), worker_id))

    def remove():
        conn.execute("DELETE FROM worker_registry WHERE worker_id = ?", (worker_id,))


conn.commit()


def shutdown(signum, frame):
    remove()
    conn.commit()
    sys.exit(0)


signal.signal(signal.SIGTERM, shutdown)
print("ready", flush=True)
while True:
    beat()
    conn.commit()
    time.sleep(every_s)
