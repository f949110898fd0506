import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, sentAtOf, type Heartbeat } from '../heartbeat'
import { decodeSeed001 } from './seed001'

const SEED_EXAMPLE = `{
"service_name": "tracker_fetcher",
"instance_id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
"timestamp": "2025-01-16T08:30:00.123456+00:00",
"uptime_seconds": 3600.5,
"heartbeat_count": 60,
"memory_usage_mb": 156.3,
"cpu_usage_percent": 12.5,
"queue_size": 1380,
"last_successful_operation": "2025-01-16T08:29:45.123456+00:00",
"api_status": "authenticated"
}`

function decodeOk(raw: string) {
  const result = decodeSeed001(raw)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(raw: string): string {
  const result = decodeSeed001(raw)
  if (result.ok) throw new Error('accepted')
  return result.reason
}

describe('seed 001 heartbeat', () => {
  it('decodes the seed example, keeping service-specific fields', () => {
    const heartbeat = decodeOk(SEED_EXAMPLE)
    expect(heartbeat.service).toBe('tracker_fetcher')
    expect(heartbeat.instance).toBe('a1b2c3d4-e5f6-7890-abcd-ef1234567890')
    expect(sentAtOf(heartbeat)).toBe(Date.UTC(2025, 0, 16, 8, 30, 0, 123))
    expect(heartbeat.fields.queue_size).toBe(1380)
    expect(heartbeat.fields.api_status).toBe('authenticated')
    expect(heartbeat.declaredIntervalMs).toBeNull()
    expect(heartbeat.goodbye).toBe(false)
    expect([heartbeat.cpuPercent, heartbeat.memoryMb]).toEqual([12.5, 156.3])
  })

  it("tolerates Python's bare NaN and Infinity and null extras", () => {
    const heartbeat = decodeOk(
      '{"service_name": "geo", "cpu_usage_percent": NaN, "memory_usage_mb": Infinity, "cache_size": null, "note": "NaN stays text"}',
    )
    expect(heartbeat.fields.cpu_usage_percent).toBeNull()
    expect(heartbeat.fields.memory_usage_mb).toBeNull()
    expect([heartbeat.cpuPercent, heartbeat.memoryMb]).toEqual([undefined, undefined])
    expect(heartbeat.fields.cache_size).toBeNull()
    expect(heartbeat.fields.note).toBe('NaN stays text')
  })

  it('uses the service name as instance when there is no instance_id', () => {
    expect(decodeOk('{"service_name": "geo"}').instance).toBe('geo')
  })

  it('reads a declared interval', () => {
    expect(decodeOk('{"service_name": "geo", "interval_seconds": 5}').declaredIntervalMs).toBe(5_000)
    expect(decodeOk('{"service_name": "geo", "heartbeat_interval": 30}').declaredIntervalMs).toBe(30_000)
  })

  it('rejects malformed input with a reason', () => {
    expect(reason('{"service_name": ')).toMatch(/^bad JSON/)
    expect(reason('[1,2]')).toBe('message is not a JSON object')
    expect(reason('{"instance_id": "x"}')).toBe('missing service_name')
    expect(reason('{"service_name": 7}')).toBe('service_name must be a string, got number')
    expect(reason('{"service_name": "  "}')).toBe('service_name is empty')
    expect(reason('{"service_name": "a", "uptime_seconds": "long"}')).toBe(
      'uptime_seconds must be a number, got string',
    )
    expect(reason('{"service_name": "a", "instance_id": {}}')).toBe(
      'instance_id must be a string, got object',
    )
    expect(reason(`{"service_name": "a", "pad": "${'x'.repeat(MAX_MESSAGE_BYTES)}"}`)).toBe(
      'message over 64 KiB',
    )
  })

  it('counts bytes, not characters, against the size limit', () => {
    const nearLimit = `{"service_name": "a", "pad": "${'é'.repeat(MAX_MESSAGE_BYTES / 2)}"}`
    expect(nearLimit.length).toBeLessThan(MAX_MESSAGE_BYTES)
    expect(reason(nearLimit)).toBe('message over 64 KiB')
  })

  it('treats our publisher’s stop message as a goodbye', () => {
    expect(decodeOk('{"service_name": "geo", "status": "stopped"}').goodbye).toBe(true)
  })
})

describe('seed 001 field limit', () => {
  it('refuses more than 512 fields', () => {
    const fields = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`f${i}`, i]))
    expect(decodeSeed001(JSON.stringify({ service_name: 'a', ...fields }))).toEqual({
      ok: false,
      reason: 'more than 512 fields',
    })
  })
})
