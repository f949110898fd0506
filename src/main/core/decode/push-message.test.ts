import { describe, expect, it } from 'vitest'
import type { DecodeResult } from '../heartbeat'
import { pushMessageDecoder } from './push-message'

const decode = pushMessageDecoder(5_000)

function service(result: DecodeResult): string {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  return result.heartbeats[0]?.service ?? ''
}

describe('push endpoint decoder', () => {
  it('decodes each channel with its wire format', () => {
    const worker = '{"worker_id": "w1", "worker_name": "api", "status": "alive"}'
    expect(service(decode(worker, { channel: 'ws' }))).toBe('api')
    expect(service(decode(worker, { channel: 'register' }))).toBe('api')
    expect(service(decode('{"service_name": "geo"}', { channel: 'heartbeat' }))).toBe('geo')
    expect(service(decode('{"service": "backup", "kind": "success"}', { channel: 'ping' }))).toBe('backup')
  })

  it('declares the worker interval for seed 000 only', () => {
    const frame = decode('{"worker_id": "w1"}', { channel: 'ws' })
    const seed001 = decode('{"service_name": "geo"}', { channel: 'heartbeat' })
    expect(frame.ok && frame.heartbeats[0]?.declaredIntervalMs).toBe(5_000)
    expect(seed001.ok && seed001.heartbeats[0]?.declaredIntervalMs).toBeNull()
  })

  it('refuses a seed 001 body on the worker channel, and an unknown channel', () => {
    expect(decode('{"service_name": "geo"}', { channel: 'ws' })).toEqual({
      ok: false,
      reason: 'missing worker_name and worker_id',
    })
    expect(decode('{}', { channel: 'smoke' })).toEqual({ ok: false, reason: 'no push channel "smoke"' })
    expect(decode('{}', { channel: null })).toEqual({ ok: false, reason: 'no push channel null' })
  })
})
