import { describe, expect, it } from 'vitest'
import { decodeSeed001 } from './decode/seed001'
import type { Heartbeat } from './heartbeat'
import { Monitor, type Instant } from './monitor'
import { DEFAULT_DETECTION } from './settings'
import { beat } from './test-support/heartbeats'
import { serviceRow, serviceView } from './views'

const SOURCE = 'redis://test'
const at = (monoMs: number): Instant => ({ monoMs, wallMs: Date.UTC(2026, 10, 27) + monoMs })

function recordOf(heartbeat: Heartbeat) {
  const monitor = new Monitor(DEFAULT_DETECTION)
  monitor.addSource(SOURCE)
  monitor.setSourceConnected(SOURCE, true, at(0))
  const result = monitor.ingest(SOURCE, heartbeat, at(1_000))
  if (!result.ok) throw new Error(result.reason)
  const record = monitor.get(`${SOURCE}|${heartbeat.service}|${heartbeat.instance}`)
  if (!record) throw new Error('not recorded')
  return { monitor, record }
}

function seed001(json: string): Heartbeat {
  const decoded = decodeSeed001(json)
  if (!decoded.ok) throw new Error(decoded.reason)
  return decoded.heartbeats[0] as Heartbeat
}

describe('views', () => {
  it('gives a row the metrics its decoder read, and the whole view its payload and timing', () => {
    const { monitor, record } = recordOf(
      seed001('{"service_name":"geo","instance_id":"g1","cpu_usage_percent":12.5,"memory_usage_mb":156.3}'),
    )
    const row = serviceRow(monitor, record, at(3_000), null)
    expect(row).toMatchObject({
      id: `${SOURCE}|geo|g1`,
      state: 'alive',
      since: '2026-11-27T00:00:01.000Z',
      lastSeen: '2026-11-27T00:00:01.000Z',
      metrics: { cpuPercent: 12.5, memoryMb: 156.3 },
    })
    expect(row).not.toHaveProperty('payload')
    expect(serviceView(monitor, record, at(3_000), null)).toMatchObject({
      ...row,
      ageMs: 2_000,
      payload: { service_name: 'geo', cpu_usage_percent: 12.5 },
      gapsMs: [],
    })
  })

  it('picks the metrics out of the payload when the decoder named none', () => {
    const { monitor, record } = recordOf(beat({ fields: { metrics: { cpu: 37, memory: 212 } } }))
    expect(serviceRow(monitor, record, at(2_000), null).metrics).toEqual({ cpuPercent: 37, memoryMb: 212 })
    const bare = recordOf(seed001('{"service_name":"geo","cpu_usage_percent":NaN,"rss":2048}'))
    expect(serviceRow(bare.monitor, bare.record, at(2_000), null).metrics).toEqual({ memoryMb: 2 })
  })
})
