import { describe, expect, it } from 'vitest'
import type { Heartbeat } from '../heartbeat'
import { decodeSeed000Record } from './seed000-record'

/** A field value exactly as seed 000's manager writes it (Python json.dumps, str(datetime.now())). */
const REGISTERED =
  '{"worker_id": "5d0c2f52-8a53-4c3e-a6a2-0c6f4f0fd1a7", "worker_name": "FastAPI Worker 1", ' +
  '"host": "172.18.0.4", "port": 8001, "status": "registering", "last_heartbeat": "2025-05-18 10:00:00.123456"}'

function decodeOk(raw: string): Heartbeat {
  const result = decodeSeed000Record(raw)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(raw: string): string {
  const result = decodeSeed000Record(raw)
  if (result.ok) throw new Error('accepted')
  return result.reason
}

function record(fields: Record<string, unknown>): string {
  return JSON.stringify({ worker_id: 'w1', worker_name: 'api', host: '10.0.0.1', port: 8001, ...fields })
}

describe('seed 000 workers hash record', () => {
  it('decodes a registered worker: service is its name, instance its id, host with port', () => {
    const heartbeat = decodeOk(REGISTERED)
    expect(heartbeat).toMatchObject({
      service: 'FastAPI Worker 1',
      instance: '5d0c2f52-8a53-4c3e-a6a2-0c6f4f0fd1a7',
      host: '172.18.0.4:8001',
      reported: 'registering',
      goodbye: false,
      beatMarker: '2025-05-18 10:00:00.123456',
      declaredIntervalMs: null,
    })
    expect(heartbeat.fields.port).toBe(8001)
  })

  it('reads last_heartbeat as naive local time, with or without microseconds', () => {
    expect(decodeOk(record({ last_heartbeat: '2025-05-18 10:00:00.123456' })).sentAtMs).toBe(
      new Date(2025, 4, 18, 10, 0, 0, 123).getTime(),
    )
    // str(datetime.now()) leaves the fraction out when the microseconds are zero.
    expect(decodeOk(record({ last_heartbeat: '2025-05-18 10:00:01' })).sentAtMs).toBe(
      new Date(2025, 4, 18, 10, 0, 1).getTime(),
    )
  })

  it('keeps every status the manager writes as reported health, none of them a goodbye', () => {
    for (const status of [
      'registering',
      'registered',
      'connected',
      'alive',
      'not_responding',
      'disconnected',
    ]) {
      const heartbeat = decodeOk(record({ status, last_heartbeat: '2025-05-18 10:00:00' }))
      expect(heartbeat.reported).toBe(status)
      expect(heartbeat.goodbye).toBe(false)
    }
  })

  it('makes the marker the last_heartbeat itself, so a status-only update is not a beat', () => {
    const before = decodeOk(record({ status: 'alive', last_heartbeat: '2025-05-18 10:00:00.5' }))
    const after = decodeOk(record({ status: 'disconnected', last_heartbeat: '2025-05-18 10:00:00.5' }))
    expect(after.beatMarker).toBe(before.beatMarker)
  })

  it('falls back to the worker id for a worker without a name, and has no host without one', () => {
    const heartbeat = decodeOk('{"worker_id": "w9", "worker_name": null, "last_heartbeat": null}')
    expect(heartbeat.service).toBe('w9')
    expect(heartbeat.host).toBeNull()
    expect(heartbeat.sentAtMs).toBeNull()
    expect(heartbeat.reported).toBeNull()
    expect(heartbeat.beatMarker).toBe('')
  })

  it('writes hosts without a port, and IPv6 hosts in brackets', () => {
    expect(decodeOk('{"worker_id": "w", "host": "worker-3"}').host).toBe('worker-3')
    expect(decodeOk('{"worker_id": "w", "host": "fd00::4", "port": "8001"}').host).toBe('[fd00::4]:8001')
  })

  it('keeps an unreadable last_heartbeat as a marker, with no send time', () => {
    const heartbeat = decodeOk(record({ last_heartbeat: 'yesterday' }))
    expect(heartbeat.beatMarker).toBe('yesterday')
    expect(heartbeat.sentAtMs).toBeNull()
  })

  it('rejects malformed records with a reason', () => {
    expect(reason('{"worker_id": ')).toMatch(/^bad JSON/)
    expect(reason('["w1"]')).toBe('message is not a JSON object')
    expect(reason('"w1"')).toBe('message is not a JSON object')
    expect(reason('{"worker_name": "api"}')).toBe('missing worker_id')
    expect(reason('{"worker_id": 7}')).toBe('worker_id must be a string, got number')
    expect(reason('{"worker_id": "  "}')).toBe('worker_id is empty')
    expect(reason(`{"worker_id": "${'w'.repeat(300)}"}`)).toBe('worker_id longer than 256')
    expect(reason(record({ worker_name: ['a'] }))).toBe('worker_name must be a string, got array')
    expect(reason(record({ host: 4 }))).toBe('host must be a string, got number')
    expect(reason(record({ port: { n: 1 } }))).toBe('port must be a number, got object')
    expect(reason(record({ status: true }))).toBe('status must be a string, got boolean')
    expect(reason(record({ last_heartbeat: {} }))).toBe('last_heartbeat must be a string, got object')
  })
})
