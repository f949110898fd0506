import { describe, expect, it } from 'vitest'
import { keyMetricsOf } from './key-metrics'

describe('key metrics', () => {
  it('finds cpu, memory and load in the seeds’ payloads', () => {
    expect(keyMetricsOf({ memory_usage_mb: 156.3, cpu_usage_percent: 12.5, queue_size: 3 })).toEqual({
      cpuPercent: 12.5,
      memoryMb: 156.3,
    })
    expect(keyMetricsOf({ worker_id: 'w1', metrics: { cpu: 37, memory: 212 } })).toEqual({
      cpuPercent: 37,
      memoryMb: 212,
    })
    // Sidekiq's rss is in KiB; Celery's loadavg is three averages, the first one minute's.
    expect(keyMetricsOf({ rss: 2_097_152, loadavg: [0.3, 0.2, 0.1] })).toEqual({ memoryMb: 2_048, load: 0.3 })
    expect(keyMetricsOf({ RSS_BYTES: 1_048_576, CPU_PCT: 5 })).toEqual({ memoryMb: 1, cpuPercent: 5 })
  })

  it('prefers a top-level field to one nested under metrics', () => {
    expect(keyMetricsOf({ cpu: 80, metrics: { cpu: 10, memory: 64 } })).toEqual({
      cpuPercent: 80,
      memoryMb: 64,
    })
  })

  it('leaves out what is absent or not a finite number', () => {
    expect(
      keyMetricsOf({ cpu_usage_percent: null, memory_usage_mb: 'NaN', loadavg: 'high', queue_size: 3 }),
    ).toEqual({})
    expect(keyMetricsOf({ cpu: Number.POSITIVE_INFINITY, metrics: [1, 2] })).toEqual({})
    expect(keyMetricsOf({})).toEqual({})
  })
})
