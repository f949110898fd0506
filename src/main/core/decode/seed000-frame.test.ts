import { describe, expect, it } from 'vitest'
import type { DecodeResult, Heartbeat } from '../heartbeat'
import { decodeSeed000Frame } from './seed000-frame'
import { decodeSeed000Register } from './seed000-register'

/** What seed 000's worker sends on its WebSocket (worker.py, `json.dumps(heartbeat_data)`). */
const WORKER_FRAME = JSON.stringify({
  timestamp: '2025-05-18 10:00:00.123456',
  worker_id: '5f0c7a52-8a0e-4b51-9d0e-0c3f2b1e9a77',
  worker_name: 'FastAPI Worker 1',
  status: 'alive',
  metrics: { cpu: 37, memory: 212 },
})

function only(result: DecodeResult): Heartbeat {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(result: DecodeResult): string {
  if (result.ok) throw new Error('accepted')
  return result.reason
}

describe('seed 000 WebSocket frame', () => {
  it('makes the worker name the service and its id the instance, keeping metrics and status', () => {
    const heartbeat = only(decodeSeed000Frame(WORKER_FRAME, 5_000))
    expect(heartbeat).toMatchObject({
      service: 'FastAPI Worker 1',
      instance: '5f0c7a52-8a0e-4b51-9d0e-0c3f2b1e9a77',
      host: null,
      reported: 'alive',
      declaredIntervalMs: 5_000,
      goodbye: false,
      beatMarker: null,
    })
    expect(heartbeat.fields.metrics).toEqual({ cpu: 37, memory: 212 })
  })

  it('reads the naive timestamp as local time, with or without microseconds', () => {
    expect(only(decodeSeed000Frame(WORKER_FRAME)).sentAtMs).toBe(
      new Date(2025, 4, 18, 10, 0, 0, 123).getTime(),
    )
    const whole = JSON.stringify({ worker_id: 'w', timestamp: '2025-05-18 10:00:00' })
    expect(only(decodeSeed000Frame(whole)).sentAtMs).toBe(new Date(2025, 4, 18, 10, 0, 0).getTime())
    expect(only(decodeSeed000Frame('{"worker_id": "w", "timestamp": "yesterday"}')).sentAtMs).toBeNull()
  })

  it('falls back to the id for the service and to the name for the instance', () => {
    expect(only(decodeSeed000Frame('{"worker_id": "w-1"}'))).toMatchObject({
      service: 'w-1',
      instance: 'w-1',
    })
    expect(only(decodeSeed000Frame('{"worker_name": "api"}'))).toMatchObject({
      service: 'api',
      instance: 'api',
    })
    expect(only(decodeSeed000Frame('{"worker_id": "w-1"}')).reported).toBeNull()
  })

  it('refuses malformed frames with a reason', () => {
    expect(reason(decodeSeed000Frame('{"worker_id": '))).toMatch(/^bad JSON/)
    expect(reason(decodeSeed000Frame('"alive"'))).toBe('message is not a JSON object')
    expect(reason(decodeSeed000Frame('{"status": "alive"}'))).toBe('missing worker_name and worker_id')
    expect(reason(decodeSeed000Frame('{"worker_id": "  ", "worker_name": ""}'))).toBe(
      'missing worker_name and worker_id',
    )
    expect(reason(decodeSeed000Frame('{"worker_id": 7}'))).toBe('worker_id must be a string, got number')
    expect(reason(decodeSeed000Frame('{"worker_id": "w", "worker_name": []}'))).toBe(
      'worker_name must be a string, got array',
    )
    expect(reason(decodeSeed000Frame('{"worker_id": "w", "status": 1}'))).toBe(
      'status must be a string, got number',
    )
    expect(reason(decodeSeed000Frame('{"worker_id": "w", "timestamp": {}}'))).toBe(
      'timestamp must be a string, got object',
    )
    expect(reason(decodeSeed000Frame(JSON.stringify({ worker_id: 'x'.repeat(300) })))).toBe(
      'worker_id longer than 256',
    )
  })
})

describe('seed 000 registration', () => {
  /** What seed 000's worker POSTs with httpx (`json=worker_data`). */
  const REGISTRATION = {
    worker_id: '5f0c7a52-8a0e-4b51-9d0e-0c3f2b1e9a77',
    worker_name: 'FastAPI Worker 1',
    host: '172.18.0.4',
    port: 8001,
    status: 'registering',
  }

  it('is a sign of life from host:port, with the status it registers with', () => {
    const heartbeat = only(decodeSeed000Register(JSON.stringify(REGISTRATION), 5_000))
    expect(heartbeat).toMatchObject({
      service: 'FastAPI Worker 1',
      instance: REGISTRATION.worker_id,
      host: '172.18.0.4:8001',
      reported: 'registering',
      declaredIntervalMs: 5_000,
      goodbye: false,
    })
    expect(heartbeat.fields).toEqual(REGISTRATION)
  })

  it("defaults the status to the manager's `registered`, and takes a host without a port", () => {
    const heartbeat = only(decodeSeed000Register('{"worker_id": "w", "host": "10.0.0.2"}'))
    expect(heartbeat.reported).toBe('registered')
    expect(heartbeat.host).toBe('10.0.0.2')
    expect(only(decodeSeed000Register('{"worker_id": "w", "host": "h", "port": "8001"}')).host).toBe('h:8001')
    expect(only(decodeSeed000Register('{"worker_id": "w", "port": 8001}')).host).toBeNull()
  })

  it('refuses malformed registrations with a reason', () => {
    expect(reason(decodeSeed000Register(''))).toMatch(/^bad JSON/)
    expect(reason(decodeSeed000Register('{"host": "h"}'))).toBe('missing worker_name and worker_id')
    expect(reason(decodeSeed000Register('{"worker_id": "w", "host": 4}'))).toBe(
      'host must be a string, got number',
    )
    expect(reason(decodeSeed000Register('{"worker_id": "w", "port": "http"}'))).toBe(
      'port must be a number, got "http"',
    )
    expect(reason(decodeSeed000Register('{"worker_id": "w", "port": 70000}'))).toBe(
      'port must be a number, got number',
    )
  })
})
