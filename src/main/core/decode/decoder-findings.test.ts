/** What the decoders' properties (decoders.property.test.ts) found, each kept as a plain example. */
import { describe, expect, it } from 'vitest'
import { MAX_NAME_LENGTH, type DecodeResult, type Heartbeat } from '../heartbeat'
import { decodeCeleryEvent } from './celery-event'
import { MAX_NESTING_DEPTH } from './json-object'
import { decodePipelineHeartbeat } from './pipeline-heartbeat'
import { decodePipelineKeys } from './pipeline-keys'
import { decodeSeed001 } from './seed001'
import { decodeSidekiqProcess } from './sidekiq-process'
import { CELERY_EVENT, SIDEKIQ_INFO, sidekiqRecord } from './test-support/decoder-subjects'
import { nested, toText } from './test-support/hostile-input'

describe('what these properties found', () => {
  const accepted = (result: DecodeResult): Heartbeat => {
    if (!result.ok) throw new Error(`rejected: ${result.reason}`)
    return result.heartbeats[0] as Heartbeat
  }

  it('deep nesting parsed, then made JSON.stringify throw wherever the payload went', () => {
    const text = `{"service_name":"svc","a":${nested(30_000)}}`
    expect(decodeSeed001(text)).toEqual({
      ok: false,
      reason: `nested deeper than ${MAX_NESTING_DEPTH} levels`,
    })
  })

  it('a Celery envelope whose content-type is {"toString": 1} made String() throw', () => {
    const text = JSON.stringify({ body: 'e30=', 'content-type': { toString: 1 }, properties: {} })
    expect(decodeCeleryEvent(text)).toEqual({
      ok: false,
      reason: 'events serialized as object: only JSON is read (event_serializer = "json")',
    })
    const encoding = JSON.stringify({ body: 'e30=', properties: { body_encoding: { valueOf: 1 } } })
    expect(decodeCeleryEvent(encoding)).toEqual({
      ok: false,
      reason: 'unknown envelope body_encoding object',
    })
  })

  it('ids composed from checked parts outgrew the name limit', () => {
    const long = 'n'.repeat(MAX_NAME_LENGTH)
    const tooLong = { ok: false, reason: `instance name longer than ${MAX_NAME_LENGTH}` }
    expect(decodeCeleryEvent(toText({ ...CELERY_EVENT, hostname: `w@${long.slice(2)}` }))).toEqual(tooLong)
    const pipeline = { service: 'publisher', hosts: [{ name: long, status: 'ok' }] }
    expect(decodePipelineHeartbeat(toText(pipeline))).toEqual(tooLong)
    expect(decodePipelineKeys(toText({ kind: 'queue', name: long, ok: '2024-11-11 13:40:17 UTC' }))).toEqual({
      ok: false,
      reason: `service name longer than ${MAX_NAME_LENGTH}`,
    })
  })

  it('numbers that overflowed to Infinity became an interval or a send time', () => {
    const seed001 = accepted(decodeSeed001(toText({ service_name: 'svc', interval_seconds: 1e306 })))
    expect(seed001.declaredIntervalMs).toBeNull()
    const celery = accepted(decodeCeleryEvent(toText({ ...CELERY_EVENT, freq: 1e306, timestamp: 1e306 })))
    expect([celery.declaredIntervalMs, celery.sentAtMs]).toEqual([null, null])
    const record = sidekiqRecord(JSON.stringify(SIDEKIQ_INFO)) as { hash: Record<string, string> }
    const sidekiq = accepted(
      decodeSidekiqProcess(toText({ ...record, hash: { ...record.hash, beat: '1e306' } })),
    )
    expect(sidekiq.sentAtMs).toBeNull()
  })

  it('a pipeline key read without its other half left `undefined` in the fields', () => {
    const heartbeat = accepted(
      decodePipelineKeys(toText({ kind: 'service', name: 'db', ok: '2024-11-11 13:40:17 UTC' })),
    )
    expect(heartbeat.fields).toMatchObject({ ok: '2024-11-11 13:40:17 UTC', not_ok: null })
  })
})
