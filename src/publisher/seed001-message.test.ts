import { describe, expect, it } from 'vitest'
import { decodeSeed001 } from '../main/core/decode/seed001'
import { sentAtOf, type Heartbeat } from '../main/core/heartbeat'
import {
  buildSeed001Message,
  formatPythonIsoUtc,
  GOODBYE_STATUS,
  type Seed001Inputs,
} from './seed001-message'

const SENT_AT_MS = Date.UTC(2025, 0, 16, 8, 30, 0, 123)

function inputs(overrides: Partial<Seed001Inputs> = {}): Seed001Inputs {
  return {
    serviceName: 'tracker_fetcher',
    instanceId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    sentAtEpochMs: SENT_AT_MS,
    uptimeSeconds: 3600.5,
    heartbeatCount: 60,
    memoryUsageMb: 156.3412,
    cpuUsagePercent: 12.4999,
    ...overrides,
  }
}

describe('formatPythonIsoUtc', () => {
  it('writes what Python datetime.isoformat() writes for a UTC time, microseconds always present', () => {
    expect(formatPythonIsoUtc(SENT_AT_MS)).toBe('2025-01-16T08:30:00.123000+00:00')
    expect(formatPythonIsoUtc(Date.UTC(2025, 0, 16, 8, 30))).toBe('2025-01-16T08:30:00.000000+00:00')
  })

  it('keeps the microseconds a fractional millisecond carries', () => {
    expect(formatPythonIsoUtc(SENT_AT_MS + 0.456)).toBe('2025-01-16T08:30:00.123456+00:00')
  })
})

describe('buildSeed001Message', () => {
  it('writes the seed fields in the seed order, rounded as the seed shows them, extras after', () => {
    const message = buildSeed001Message(inputs({ extras: { queue_size: 1380, api_status: 'authenticated' } }))

    expect(message).toEqual({
      service_name: 'tracker_fetcher',
      instance_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      timestamp: '2025-01-16T08:30:00.123000+00:00',
      uptime_seconds: 3600.5,
      heartbeat_count: 60,
      memory_usage_mb: 156.3,
      cpu_usage_percent: 12.5,
      queue_size: 1380,
      api_status: 'authenticated',
    })
    expect(Object.keys(message).slice(0, 7)).toEqual([
      'service_name',
      'instance_id',
      'timestamp',
      'uptime_seconds',
      'heartbeat_count',
      'memory_usage_mb',
      'cpu_usage_percent',
    ])
  })

  it('never lets an extra override a field the publisher writes', () => {
    const message = buildSeed001Message(inputs({ extras: { service_name: 'impostor', heartbeat_count: -1 } }))

    expect(message.service_name).toBe('tracker_fetcher')
    expect(message.heartbeat_count).toBe(60)
  })

  it('declares its interval and decodes as a heartbeat of that interval', () => {
    const body = JSON.stringify(
      buildSeed001Message(inputs({ intervalSeconds: 60, extras: { cache_size: null } })),
    )

    const decoded = decodeSeed001(body)

    expect(decoded).toMatchObject({
      ok: true,
      heartbeats: [
        {
          service: 'tracker_fetcher',
          instance: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
          declaredIntervalMs: 60_000,
          goodbye: false,
        },
      ],
    })
  })

  it('carries its timestamp to the decoder', () => {
    const decoded = decodeSeed001(JSON.stringify(buildSeed001Message(inputs({}))))

    expect(decoded.ok && sentAtOf(decoded.heartbeats[0] as Heartbeat)).toBe(SENT_AT_MS)
  })

  it('makes a goodbye the decoder recognises, its status winning over an extra "status"', () => {
    const body = JSON.stringify(
      buildSeed001Message(inputs({ extras: { status: 'ok' }, status: GOODBYE_STATUS })),
    )

    expect(decodeSeed001(body)).toMatchObject({
      ok: true,
      heartbeats: [{ goodbye: true, reported: GOODBYE_STATUS }],
    })
  })
})
