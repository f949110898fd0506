import { describe, expect, it } from 'vitest'
import type { Heartbeat } from '../heartbeat'
import { liveSetRecordText } from './live-set-record'
import { beatIntervalMs, decodeRqWorker, rqLeftCleanly } from './rq-worker'

/**
 * Captured from Debian's python3-rq 1.13.0 (`rq worker --worker-ttl 20 capq`, default name): the
 * worker's hash, its PTTL and the Redis server's TIME read in one pipeline, as our live-set source
 * reads them. Idle, then busy with a job, then after a warm shutdown (SIGTERM).
 */
const IDLE =
  '{"key": "rq:worker:e657d45394f84f518197c14b3f82070e", "hash": {"birth": "2026-11-26T23:03:45.635148Z", "hostname": "vm", "ip_address": "127.0.0.1:55828", "last_heartbeat": "2026-11-26T23:03:45.643998Z", "pid": "15517", "python_version": "3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]", "queues": "capq", "state": "idle", "version": "1.13.0"}, "ttl_ms": 77287, "read_at_ms": 1795734228356}'
const BUSY =
  '{"key": "rq:worker:e657d45394f84f518197c14b3f82070e", "hash": {"birth": "2026-11-26T23:03:45.635148Z", "current_job": "6936d090-6b86-4714-8b51-a97a377dc191", "current_job_working_time": "0", "hostname": "vm", "ip_address": "127.0.0.1:55828", "last_heartbeat": "2026-11-26T23:03:48.872535Z", "pid": "15517", "python_version": "3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]", "queues": "capq", "state": "busy", "version": "1.13.0"}, "ttl_ms": 88300, "read_at_ms": 1795734230574}'
const AFTER_WARM_SHUTDOWN_HASH = {
  birth: '2026-11-26T23:03:45.635148Z',
  current_job_working_time: '0',
  death: '2026-11-26T23:03:52.693892Z',
  hostname: 'vm',
  ip_address: '127.0.0.1:55828',
  last_heartbeat: '2026-11-26T23:03:50.900443Z',
  pid: '15517',
  python_version: '3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]',
  queues: 'capq',
  state: 'idle',
  successful_job_count: '1',
  total_working_time: '2.003748',
  version: '1.13.0',
}
/** `rq worker -n rqcap1 --worker-ttl 20 capq`: a name given by the user. */
const NAMED_HASH = {
  birth: '2026-11-26T22:58:35.600679Z',
  last_heartbeat: '2026-11-26T22:58:40.691281Z',
  queues: 'capq',
  pid: '1017',
  hostname: 'vm',
  ip_address: '127.0.0.1:34008',
  version: '1.13.0',
  python_version: '3.11.2 (main, Apr 28 2025, 14:11:48) [GCC 12.2.0]',
  state: 'idle',
}

function decodeOk(raw: string): Heartbeat {
  const result = decodeRqWorker(raw)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(raw: string): string {
  const result = decodeRqWorker(raw)
  if (result.ok) throw new Error('accepted')
  return result.reason
}

function record(hash: Record<string, string>, key = 'rq:worker:w1', ttlMs: number | null = null): string {
  return liveSetRecordText({ key, hash, ttlMs, readAtMs: null })
}

describe('RQ worker records', () => {
  it('groups a worker with a generated name under its hostname, the name being the instance', () => {
    const heartbeat = decodeOk(IDLE)
    expect(heartbeat).toMatchObject({
      service: 'vm',
      instance: 'e657d45394f84f518197c14b3f82070e',
      host: 'vm',
      reported: 'idle',
      goodbye: false,
      beatMarker: '2026-11-26T23:03:45.643998Z',
      sentAtMs: Date.UTC(2026, 10, 26, 23, 3, 45, 643),
    })
    expect(heartbeat.fields).toMatchObject({
      name: 'e657d45394f84f518197c14b3f82070e',
      queues: 'capq',
      pid: '15517',
    })
  })

  it('takes the interval from the TTL: worker_ttl 20 beats every 5 s idle, every 30 s busy', () => {
    expect(decodeOk(IDLE).declaredIntervalMs).toBe(5_000)
    const busy = decodeOk(BUSY)
    expect(busy.reported).toBe('busy')
    // job_monitoring_interval (30 s) + 60 is the TTL a job's heartbeats set.
    expect(busy.declaredIntervalMs).toBe(30_000)
  })

  it('keeps a name the user gave as the service', () => {
    expect(decodeOk(record(NAMED_HASH, 'rq:worker:rqcap1'))).toMatchObject({
      service: 'rqcap1',
      instance: 'rqcap1',
    })
  })

  it('derives the interval from the full TTL, whatever ran down before the read', () => {
    const beat = Date.UTC(2026, 0, 1)
    // RQ's default worker_ttl 420: TTL 480 s, beats every 405 s; read 100 s after the beat.
    expect(beatIntervalMs(380_000, beat + 100_000, beat, 'idle')).toBe(405_000)
    // worker_ttl 16 and less: the dequeue timeout bottoms out at 1 s.
    expect(beatIntervalMs(76_000, beat, beat, 'idle')).toBe(1_000)
    expect(beatIntervalMs(70_000, beat, beat, 'idle')).toBe(1_000)
    // Read before the beat on a skewed clock: no negative age.
    expect(beatIntervalMs(80_000, beat - 3_000, beat, 'idle')).toBe(5_000)
    expect(beatIntervalMs(null, beat, beat, 'idle')).toBeNull()
    expect(beatIntervalMs(0, beat, beat, 'idle')).toBeNull()
  })

  it('uses birth when an older RQ wrote no last_heartbeat, and no interval without a TTL', () => {
    const { last_heartbeat: _, ...hash } = NAMED_HASH
    expect(decodeOk(record(hash))).toMatchObject({
      beatMarker: '2026-11-26T22:58:35.600679Z',
      declaredIntervalMs: null,
    })
  })

  it('tells a warm shutdown (death written) from an expired hash', () => {
    expect(rqLeftCleanly(AFTER_WARM_SHUTDOWN_HASH)).toBe(true)
    expect(rqLeftCleanly(NAMED_HASH)).toBe(false)
    expect(rqLeftCleanly(null)).toBe(false)
  })

  it('rejects malformed records with the reason', () => {
    expect(reason(record({ state: 'idle' }))).toBe('rq:worker:w1: missing last_heartbeat')
    expect(reason(record({ last_heartbeat: 'yesterday' }))).toBe(
      'rq:worker:w1: last_heartbeat is not a time: "yesterday"',
    )
    expect(reason(record({ last_heartbeat: '2026-11-26T22:58:40Z' }, 'rq:worker:'))).toBe(
      'rq:worker:: empty worker name',
    )
    expect(reason(record({ last_heartbeat: '2026-11-26T22:58:40Z', hostname: 'h'.repeat(300) }))).toBe(
      'rq:worker:w1: hostname longer than 256',
    )
    expect(
      reason(liveSetRecordText({ key: 'rq:worker:w1', error: 'WRONGTYPE Operation against a key' })),
    ).toBe('reading rq:worker:w1: WRONGTYPE Operation against a key')
    expect(reason('{"key": "rq:worker:w1", "hash": {"last_heartbeat": 5}}')).toBe(
      'rq:worker:w1: field last_heartbeat must be text, got number',
    )
    expect(reason('{"key": 7, "hash": {}}')).toBe('member must be a non-empty string, got number')
    expect(reason('{"key": "k", "hash": []}')).toBe('k: hash must be an object, got array')
    expect(reason('not json')).toMatch(/^bad JSON/)
  })
})
