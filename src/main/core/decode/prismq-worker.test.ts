import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, type Heartbeat } from '../heartbeat'
import { sqliteTimeMs } from '../sqlite-time'
import { decodePrismqWorker } from './prismq-worker'

function decodeOk(row: Record<string, unknown> | string, channel = 'workers'): Heartbeat {
  const raw = typeof row === 'string' ? row : JSON.stringify(row)
  const result = decodePrismqWorker(raw, { channel })
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(row: Record<string, unknown> | string, channel = 'workers'): string {
  const raw = typeof row === 'string' ? row : JSON.stringify(row)
  const result = decodePrismqWorker(raw, { channel })
  if (result.ok) throw new Error('accepted')
  return result.reason
}

describe('PrismQ workers row (seed 004, the code)', () => {
  it('decodes a row as register_worker writes it: worker_id is service and instance, capabilities parsed', () => {
    const heartbeat = decodeOk({
      worker_id: 'worker-01',
      capabilities: '{"cpu": 8, "memory_gb": 16, "gpu": true, "types": ["video", "audio"]}',
      heartbeat_utc: '2025-11-05 10:15:30',
    })
    expect(heartbeat).toMatchObject({
      service: 'worker-01',
      instance: 'worker-01',
      host: null,
      reported: null,
      goodbye: false,
      declaredIntervalMs: null,
      beatMarker: '2025-11-05 10:15:30',
      // datetime('now') is naive UTC, whatever the zone of the machine reading it.
      sentAtMs: Date.UTC(2025, 10, 5, 10, 15, 30),
    })
    expect(heartbeat.fields.capabilities).toEqual({
      cpu: 8,
      memory_gb: 16,
      gpu: true,
      types: ['video', 'audio'],
    })
  })

  it('reads the heartbeat written by other code with a T, a Z or an offset', () => {
    const at = Date.UTC(2025, 10, 5, 10, 15, 30)
    for (const text of ['2025-11-05T10:15:30', '2025-11-05T10:15:30Z', '2025-11-05 12:15:30+02:00']) {
      expect(decodeOk({ worker_id: 'w', capabilities: '{}', heartbeat_utc: text }).sentAtMs).toBe(at)
    }
  })

  it("keeps capabilities that are not JSON as the text they are, and reads Python's NaN", () => {
    expect(
      decodeOk({ worker_id: 'w', capabilities: 'gpu,cpu', heartbeat_utc: 'x' }).fields.capabilities,
    ).toBe('gpu,cpu')
    expect(
      decodeOk({ worker_id: 'w', capabilities: '{"load": NaN}', heartbeat_utc: 'x' }).fields.capabilities,
    ).toEqual({ load: null })
    expect(
      decodeOk({ worker_id: 'w', capabilities: null, heartbeat_utc: 'x' }).fields.capabilities,
    ).toBeNull()
  })

  it('takes the host from capabilities when it names one', () => {
    expect(decodeOk({ worker_id: 'w', capabilities: '{"hostname": "gpu-3"}', heartbeat_utc: 'x' }).host).toBe(
      'gpu-3',
    )
  })

  it('keeps an unreadable heartbeat as the marker, with no publisher time', () => {
    const heartbeat = decodeOk({ worker_id: 'w', capabilities: '{}', heartbeat_utc: 'yesterday' })
    expect(heartbeat.beatMarker).toBe('yesterday')
    expect(heartbeat.sentAtMs).toBeNull()
  })

  it('treats an integer worker_id as its text', () => {
    expect(decodeOk({ worker_id: 7, capabilities: '{}', heartbeat_utc: 'x' }).instance).toBe('7')
  })
})

describe('PrismQ worker_registry row (seed 003, the document)', () => {
  it('keeps status as reported health and the other columns for display', () => {
    const heartbeat = decodeOk(
      {
        worker_id: 'worker-02',
        status: 'failed',
        last_heartbeat: '2025-11-05T10:10:00Z',
        tasks_processed: 89,
        started_at: '2025-11-05T09:00:00Z',
        metadata: '{"host": "node-7"}',
      },
      'worker_registry',
    )
    expect(heartbeat).toMatchObject({
      service: 'worker-02',
      instance: 'worker-02',
      reported: 'failed',
      host: 'node-7',
      beatMarker: '2025-11-05T10:10:00Z',
      sentAtMs: Date.UTC(2025, 10, 5, 10, 10, 0),
    })
    expect(heartbeat.fields.tasks_processed).toBe(89)
    expect(heartbeat.fields.metadata).toEqual({ host: 'node-7' })
  })

  it('takes a worker that has never beaten (last_heartbeat NULL) as registered, marker empty', () => {
    const heartbeat = decodeOk({ worker_id: 'w', status: 'active', last_heartbeat: null }, 'worker_registry')
    expect(heartbeat.beatMarker).toBe('')
    expect(heartbeat.sentAtMs).toBeNull()
  })

  it('tells the shape by the columns, whatever the table is called', () => {
    expect(decodeOk({ worker_id: 'w', status: 'active', last_heartbeat: 'x' }, 'workers').reported).toBe(
      'active',
    )
  })
})

describe('PrismQ rows refused', () => {
  it('counts malformed rows with a reason', () => {
    expect(reason('{"worker_id": ')).toMatch(/^bad JSON/)
    expect(reason('[1]')).toBe('message is not a JSON object')
    expect(reason({ worker_id: 'w', capabilities: '{}' })).toBe(
      'row has neither heartbeat_utc (workers) nor last_heartbeat (worker_registry)',
    )
    expect(reason({ worker_id: null, capabilities: '{}', heartbeat_utc: 'x' })).toBe('missing worker_id')
    expect(reason({ worker_id: '  ', capabilities: '{}', heartbeat_utc: 'x' })).toBe('worker_id is empty')
    expect(reason({ worker_id: true, capabilities: '{}', heartbeat_utc: 'x' })).toBe(
      'worker_id must be text, got boolean',
    )
    expect(reason({ worker_id: 'x'.repeat(300), capabilities: '{}', heartbeat_utc: 'x' })).toBe(
      'worker_id longer than 256',
    )
    expect(reason({ worker_id: 'w', capabilities: '{}', heartbeat_utc: { at: 1 } })).toBe(
      'heartbeat_utc must be text, got object',
    )
    expect(reason({ worker_id: 'w', capabilities: 'x'.repeat(MAX_MESSAGE_BYTES), heartbeat_utc: 'x' })).toBe(
      'message over 64 KiB',
    )
  })
})

describe('SQLite time values', () => {
  it('reads text, epoch numbers and julianday() numbers as UTC', () => {
    const at = Date.UTC(2025, 10, 5, 10, 15, 30)
    expect(sqliteTimeMs('2025-11-05 10:15:30')).toBe(at)
    expect(sqliteTimeMs(at / 1000)).toBe(at)
    expect(sqliteTimeMs(at)).toBe(at)
    expect(sqliteTimeMs(2_440_587.5 + at / 86_400_000)).toBe(at)
    expect(sqliteTimeMs(null)).toBeNull()
    expect(sqliteTimeMs('soon')).toBeNull()
  })
})
