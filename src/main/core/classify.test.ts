import { describe, expect, it } from 'vitest'
import { classify, nextChangeMs, type LivenessInput } from './classify'

const T = { staleAfterMs: 1_500, deadAfterMs: 3_000 }
const rec = (over: Partial<LivenessInput> = {}): LivenessInput => ({
  lastSeenMs: 0,
  graceFromMs: null,
  stopped: false,
  gone: false,
  sourceConnected: true,
  ...over,
})

describe('classify', () => {
  it('is alive before the stale threshold, stale from it, dead from the dead threshold', () => {
    expect(classify(rec(), 1_499, T)).toBe('alive')
    expect(classify(rec(), 1_500, T)).toBe('stale')
    expect(classify(rec(), 1_600, T)).toBe('stale')
    expect(classify(rec(), 2_999, T)).toBe('stale')
    expect(classify(rec(), 3_000, T)).toBe('dead')
  })

  it('is unknown, never dead, while the source is disconnected', () => {
    expect(classify(rec({ sourceConnected: false }), 1_000_000, T)).toBe('unknown')
  })

  it('is stopped after a goodbye, whatever the time', () => {
    expect(classify(rec({ stopped: true }), 1_000_000, T)).toBe('stopped')
  })

  it('gives one full stale interval of grace after a reconnect, unknown until it speaks', () => {
    const input = rec({ lastSeenMs: 0, graceFromMs: 10_000 })
    expect(classify(input, 10_000, T)).toBe('unknown')
    expect(classify(input, 11_499, T)).toBe('unknown')
    expect(classify(input, 11_500, T)).toBe('stale')
    expect(classify(input, 13_000, T)).toBe('dead')
    expect(classify({ ...input, lastSeenMs: 10_200 }, 11_000, T)).toBe('alive')
  })

  it('is gone when replaced or removed, whatever the time or the source', () => {
    expect(classify(rec({ gone: true, sourceConnected: false }), 1_000_000, T)).toBe('gone')
    expect(nextChangeMs(rec({ gone: true }), 0, T)).toBeNull()
  })

  it('is unknown before any heartbeat', () => {
    expect(classify(rec({ lastSeenMs: null }), 5_000, T)).toBe('unknown')
  })
})

describe('nextChangeMs', () => {
  it('names the stale deadline, then the dead deadline, then none', () => {
    expect(nextChangeMs(rec(), 100, T)).toBe(1_500)
    expect(nextChangeMs(rec(), 1_500, T)).toBe(3_000)
    expect(nextChangeMs(rec(), 3_000, T)).toBeNull()
  })

  it('has no deadline while disconnected or stopped', () => {
    expect(nextChangeMs(rec({ sourceConnected: false }), 0, T)).toBeNull()
    expect(nextChangeMs(rec({ stopped: true }), 0, T)).toBeNull()
  })

  it('counts from the grace start during grace', () => {
    expect(nextChangeMs(rec({ graceFromMs: 10_000 }), 10_000, T)).toBe(11_500)
  })
})
