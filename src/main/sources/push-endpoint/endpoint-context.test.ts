import { describe, expect, it } from 'vitest'
import { pushMessageDecoder } from '../../core/decode/push-message'
import type { Decoder } from '../../core/heartbeat'
import { decodingOnce } from './endpoint-context'

function countingDecoder(): { decode: Decoder; calls: () => number } {
  const decode = pushMessageDecoder(5_000)
  let calls = 0
  return {
    decode: (raw, context) => {
      calls++
      return decode(raw, context)
    },
    calls: () => calls,
  }
}

const PING = '{"service": "backup", "kind": "success"}'

describe('decodingOnce', () => {
  it('gives the engine the verdict the endpoint just had on the same message, without decoding again', () => {
    const { decode, calls } = countingDecoder()
    const { judge, decoder } = decodingOnce(decode)
    const verdict = judge(PING, { channel: 'ping' })
    expect(verdict.ok).toBe(true)
    expect(decoder(PING, { channel: 'ping' })).toBe(verdict)
    expect(calls()).toBe(1)
  })

  it('hands a verdict over once: the same message again is decoded again, so no two ingestions share one', () => {
    const { decode, calls } = countingDecoder()
    const { judge, decoder } = decodingOnce(decode)
    const first = judge(PING, { channel: 'ping' })
    expect(decoder(PING, { channel: 'ping' })).toBe(first)
    const again = decoder(PING, { channel: 'ping' })
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
    expect(calls()).toBe(2)
  })

  it('decodes afresh for another text or another channel, and hands over a refusal like an acceptance', () => {
    const { decode, calls } = countingDecoder()
    const { judge, decoder } = decodingOnce(decode)
    const body = '{"service_name": "geo"}'
    expect(judge(body, { channel: 'heartbeat' }).ok).toBe(true)
    expect(decoder(body, { channel: 'ws' }).ok).toBe(false)
    const refusal = judge(body, { channel: 'ws' })
    expect(decoder(body, { channel: 'ws' })).toBe(refusal)
    judge(body, { channel: 'heartbeat' })
    expect(decoder('{"service_name": "api"}', { channel: 'heartbeat' }).ok).toBe(true)
    expect(calls()).toBe(5)
  })
})
