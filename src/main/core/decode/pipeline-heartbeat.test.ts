import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, type Heartbeat } from '../heartbeat'
import { decodePipelineHeartbeat } from './pipeline-heartbeat'

/** The body seed 002's publisher sends (WIRE-FORMATS.md), byte for byte as json.dumps writes it. */
const SEED_EXAMPLE = JSON.stringify({
  status: 'heartbeat',
  service: 'publisher',
  timestamp: '2024-11-11 13:40:17 UTC',
  hosts: [{ name: 'sda-doa', status: 'ok', timestamp: '2024-11-11 13:41:17 UTC' }],
  rmq_consumers: {
    queues_status: [{ name: 'inbox', status: 'not_ok', timestamp: '2024-11-11 13:41:18 UTC' }],
    services_status: [{ name: 'mq-interceptor', status: 'not_ok', timestamp: '2024-11-11 13:41:18 UTC' }],
  },
}).replaceAll('":', '": ')

function decodeOk(raw: string): Heartbeat[] {
  const result = decodePipelineHeartbeat(raw)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  return result.heartbeats
}

function reason(raw: unknown): string {
  const result = decodePipelineHeartbeat(typeof raw === 'string' ? raw : JSON.stringify(raw))
  if (result.ok) throw new Error('accepted')
  return result.reason
}

function byInstance(heartbeats: Heartbeat[]): Record<string, Heartbeat> {
  return Object.fromEntries(heartbeats.map((heartbeat) => [heartbeat.instance, heartbeat]))
}

describe('seed 002 pipeline heartbeat', () => {
  it('makes the publisher and each host, queue and service its own instance under the publisher', () => {
    const heartbeats = decodeOk(SEED_EXAMPLE)
    expect(heartbeats.map((h) => [h.service, h.instance, h.reported])).toEqual([
      ['publisher', 'publisher', 'heartbeat'],
      ['publisher', 'host:sda-doa', 'ok'],
      ['publisher', 'queue:inbox', 'not_ok'],
      ['publisher', 'service:mq-interceptor', 'not_ok'],
    ])
    for (const heartbeat of heartbeats) {
      expect(heartbeat).toMatchObject({
        host: null,
        goodbye: false,
        beatMarker: null,
        declaredIntervalMs: null,
        replaceable: false,
      })
    }
  })

  it("never takes the publisher's start time for skew; each component's check time is its sentAtMs", () => {
    const instances = byInstance(decodeOk(SEED_EXAMPLE))
    expect(instances.publisher?.sentAtMs).toBeNull()
    expect(instances.publisher?.fields.timestamp).toBe('2024-11-11 13:40:17 UTC')
    expect(instances['host:sda-doa']?.sentAtMs).toBe(Date.UTC(2024, 10, 11, 13, 41, 17))
    expect(instances['queue:inbox']?.sentAtMs).toBe(Date.UTC(2024, 10, 11, 13, 41, 18))
  })

  it('keeps the whole message on the publisher and each component entry on its instance', () => {
    const instances = byInstance(decodeOk(SEED_EXAMPLE))
    expect(instances.publisher?.fields.hosts).toHaveLength(1)
    expect(instances['service:mq-interceptor']?.fields).toEqual({
      name: 'mq-interceptor',
      status: 'not_ok',
      timestamp: '2024-11-11 13:41:18 UTC',
    })
  })

  it('gives one instance to a service listed once per queue, its worst status winning', () => {
    const instances = byInstance(
      decodeOk(
        JSON.stringify({
          service: 'publisher',
          rmq_consumers: {
            services_status: [
              { name: 'ingest', status: 'ok' },
              { name: 'ingest', status: 'not_ok', timestamp: '2024-11-11 13:41:19 UTC' },
              { name: 'ingest', status: 'ok' },
            ],
          },
        }),
      ),
    )
    expect(Object.keys(instances)).toEqual(['publisher', 'service:ingest'])
    expect(instances['service:ingest']?.reported).toBe('not_ok')
    expect(instances['service:ingest']?.sentAtMs).toBe(Date.UTC(2024, 10, 11, 13, 41, 19))
  })

  it('reads a publisher with no components, names with colons, and an unreadable component time', () => {
    expect(decodeOk('{"service": "publisher"}').map((h) => [h.instance, h.reported])).toEqual([
      ['publisher', null],
    ])
    const instances = byInstance(
      decodeOk(
        JSON.stringify({
          service: ' sda ',
          hosts: [],
          rmq_consumers: { queues_status: [{ name: 'v1:inbox', status: 'ok', timestamp: 'soon' }] },
        }),
      ),
    )
    expect(instances['queue:v1:inbox']).toMatchObject({ service: 'sda', reported: 'ok', sentAtMs: null })
  })

  it('rejects a malformed message whole, naming the part at fault', () => {
    expect(reason('{"service": "publisher", "hosts": [')).toMatch(/^bad JSON/)
    expect(reason('[]')).toBe('message is not a JSON object')
    expect(reason({ status: 'heartbeat', hosts: [] })).toBe('missing service')
    expect(reason({ service: 7 })).toBe('service must be a string, got number')
    expect(reason({ service: '' })).toBe('service is empty')
    expect(reason({ service: 'p', status: 1 })).toBe('status must be a string, got number')
    expect(reason({ service: 'p', hosts: { name: 'a' } })).toBe('hosts must be an array, got object')
    expect(reason({ service: 'p', rmq_consumers: [] })).toBe('rmq_consumers must be an object, got array')
    expect(reason({ service: 'p', rmq_consumers: { queues_status: 'inbox' } })).toBe(
      'rmq_consumers.queues_status must be an array, got string',
    )
    const good = { name: 'a', status: 'ok' }
    expect(reason({ service: 'p', hosts: [good, 'b'] })).toBe('hosts[1] must be an object, got string')
    expect(reason({ service: 'p', hosts: [good, { status: 'ok' }] })).toBe('missing hosts[1].name')
    expect(reason({ service: 'p', rmq_consumers: { services_status: [{ name: 3, status: 'ok' }] } })).toBe(
      'rmq_consumers.services_status[0].name must be a string, got number',
    )
    expect(reason({ service: 'p', hosts: [{ name: 'db' }] })).toBe('hosts[0] (db) has no status')
    expect(reason({ service: 'p', hosts: [{ name: 'db', status: true }] })).toBe(
      'hosts[0].status must be a string, got boolean',
    )
    expect(reason({ service: 'p', hosts: [{ name: 'db', status: 'ok', timestamp: {} }] })).toBe(
      'hosts[0].timestamp must be a string, got object',
    )
    expect(reason({ service: 'p', hosts: [{ name: 'x'.repeat(257), status: 'ok' }] })).toBe(
      'hosts[0].name longer than 256',
    )
    expect(reason(`{"service": "p", "pad": "${'x'.repeat(MAX_MESSAGE_BYTES)}"}`)).toBe('message over 64 KiB')
  })
})
