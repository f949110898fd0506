import { describe, expect, it } from 'vitest'
import type { Heartbeat } from '../heartbeat'
import { decodeCeleryEvent, splitNodeName } from './celery-event'

/**
 * Captured from Debian's python3-celery 5.2.6 (`celery -A app worker -E -n w1@testhost
 * --heartbeat-interval 1 -P solo`): PSUBSCRIBE on the Redis broker, and a queue bound to the event
 * exchange with `worker.#` on RabbitMQ.
 */
const REDIS_ONLINE =
  '{"body": "eyJob3N0bmFtZSI6ICJ3MUB0ZXN0aG9zdCIsICJ1dGNvZmZzZXQiOiAwLCAicGlkIjogMzA5MTUsICJjbG9jayI6IDEsICJmcmVxIjogMS4wLCAiYWN0aXZlIjogMCwgInByb2Nlc3NlZCI6IDAsICJsb2FkYXZnIjogWzMuODksIDIuMTUsIDEuNjddLCAic3dfaWRlbnQiOiAicHktY2VsZXJ5IiwgInN3X3ZlciI6ICI1LjIuNiIsICJzd19zeXMiOiAiTGludXgiLCAidGltZXN0YW1wIjogMTc5NTczMzgyMC41NzQ3NDIsICJ0eXBlIjogIndvcmtlci1vbmxpbmUifQ==", "content-encoding": "utf-8", "content-type": "application/json", "headers": {"hostname": "w1@testhost"}, "properties": {"delivery_mode": 1, "delivery_info": {"exchange": "celeryev", "routing_key": "worker.online"}, "priority": 0, "body_encoding": "base64", "delivery_tag": "05b095ea-2276-4b4e-a9d2-8ab070b3e3e9"}}'
const REDIS_HEARTBEAT =
  '{"body": "eyJob3N0bmFtZSI6ICJ3MUB0ZXN0aG9zdCIsICJ1dGNvZmZzZXQiOiAwLCAicGlkIjogMzA5MTUsICJjbG9jayI6IDIsICJmcmVxIjogMS4wLCAiYWN0aXZlIjogMCwgInByb2Nlc3NlZCI6IDAsICJsb2FkYXZnIjogWzMuODksIDIuMTUsIDEuNjddLCAic3dfaWRlbnQiOiAicHktY2VsZXJ5IiwgInN3X3ZlciI6ICI1LjIuNiIsICJzd19zeXMiOiAiTGludXgiLCAidGltZXN0YW1wIjogMTc5NTczMzgyMS41NzgzNzYzLCAidHlwZSI6ICJ3b3JrZXItaGVhcnRiZWF0In0=", "content-encoding": "utf-8", "content-type": "application/json", "headers": {"hostname": "w1@testhost"}, "properties": {"delivery_mode": 1, "delivery_info": {"exchange": "celeryev", "routing_key": "worker.heartbeat"}, "priority": 0, "body_encoding": "base64", "delivery_tag": "3f41b62f-dead-4267-a1a7-5cc266da1ff7"}}'
const REDIS_OFFLINE =
  '{"body": "eyJob3N0bmFtZSI6ICJ3MUB0ZXN0aG9zdCIsICJ1dGNvZmZzZXQiOiAwLCAicGlkIjogMzA5MTUsICJjbG9jayI6IDcsICJmcmVxIjogMS4wLCAiYWN0aXZlIjogMCwgInByb2Nlc3NlZCI6IDAsICJsb2FkYXZnIjogWzMuNTgsIDIuMTEsIDEuNjZdLCAic3dfaWRlbnQiOiAicHktY2VsZXJ5IiwgInN3X3ZlciI6ICI1LjIuNiIsICJzd19zeXMiOiAiTGludXgiLCAidGltZXN0YW1wIjogMTc5NTczMzgyNS45MjA0Nzc0LCAidHlwZSI6ICJ3b3JrZXItb2ZmbGluZSJ9", "content-encoding": "utf-8", "content-type": "application/json", "headers": {"hostname": "w1@testhost"}, "properties": {"delivery_mode": 1, "delivery_info": {"exchange": "celeryev", "routing_key": "worker.offline"}, "priority": 0, "body_encoding": "base64", "delivery_tag": "bfbaec9a-9b6a-475b-9ae8-c803b2e7294b"}}'
const AMQP_HEARTBEAT =
  '{"hostname": "w2@testhost", "utcoffset": 0, "pid": 652, "clock": 2, "freq": 1.0, "active": 0, "processed": 0, "loadavg": [3.13, 2.38, 1.8], "sw_ident": "py-celery", "sw_ver": "5.2.6", "sw_sys": "Linux", "timestamp": 1795733899.4690049, "type": "worker-heartbeat"}'
const AMQP_OFFLINE =
  '{"hostname": "w2@testhost", "utcoffset": 0, "pid": 652, "clock": 5, "freq": 1.0, "active": 0, "processed": 0, "loadavg": [3.04, 2.37, 1.8], "sw_ident": "py-celery", "sw_ver": "5.2.6", "sw_sys": "Linux", "timestamp": 1795733901.9879177, "type": "worker-offline"}'

function decodeOk(raw: string): Heartbeat {
  const result = decodeCeleryEvent(raw)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(raw: string): string {
  const result = decodeCeleryEvent(raw)
  if (result.ok) throw new Error('accepted')
  return result.reason
}

function envelope(body: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    body: Buffer.from(body, 'utf8').toString('base64'),
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers: {},
    properties: {
      body_encoding: 'base64',
      delivery_info: { exchange: 'celeryev', routing_key: 'worker.heartbeat' },
    },
    ...extra,
  })
}

describe('Celery worker events', () => {
  it("unwraps kombu's Redis envelope: node name, pid, freq and timestamp", () => {
    const heartbeat = decodeOk(REDIS_HEARTBEAT)
    expect(heartbeat).toMatchObject({
      service: 'w1',
      instance: 'w1@testhost#30915',
      host: 'testhost',
      declaredIntervalMs: 1_000,
      reported: 'active 0',
      goodbye: false,
      beatMarker: null,
    })
    expect(heartbeat.sentAtMs).toBeCloseTo(1795733821578.376, 0)
    expect(heartbeat.fields).toMatchObject({ type: 'worker-heartbeat', clock: 2, sw_ver: '5.2.6' })
  })

  it('counts worker-online as a heartbeat and worker-offline as a goodbye', () => {
    expect(decodeOk(REDIS_ONLINE)).toMatchObject({ instance: 'w1@testhost#30915', goodbye: false })
    expect(decodeOk(REDIS_OFFLINE)).toMatchObject({
      instance: 'w1@testhost#30915',
      goodbye: true,
      reported: 'offline',
    })
  })

  it('reads the bare event that AMQP carries', () => {
    expect(decodeOk(AMQP_HEARTBEAT)).toMatchObject({
      service: 'w2',
      instance: 'w2@testhost#652',
      host: 'testhost',
      declaredIntervalMs: 1_000,
      goodbye: false,
    })
    expect(decodeOk(AMQP_OFFLINE).goodbye).toBe(true)
  })

  it('gives a restarted node (same name, new pid) a new instance of the same service', () => {
    const before = decodeOk(AMQP_HEARTBEAT)
    const after = decodeOk(AMQP_HEARTBEAT.replace('"pid": 652', '"pid": 9001'))
    expect(after.service).toBe(before.service)
    expect(after.host).toBe(before.host)
    expect(after.instance).not.toBe(before.instance)
  })

  it("takes Celery's default 2 s freq and a node name without pid or host as they come", () => {
    const heartbeat = decodeOk('{"hostname": "solo", "type": "worker-heartbeat", "freq": 2.0}')
    expect(heartbeat).toMatchObject({
      service: 'solo',
      instance: 'solo',
      host: null,
      declaredIntervalMs: 2_000,
    })
    expect(heartbeat.sentAtMs).toBeNull()
  })

  it('splits node names as Celery does, at the first @', () => {
    expect(splitNodeName('celery@web-1')).toEqual({ service: 'celery', host: 'web-1' })
    expect(splitNodeName('a@b@c')).toEqual({ service: 'a', host: 'b@c' })
    expect(splitNodeName('@host')).toEqual({ service: '@host', host: null })
    expect(splitNodeName('name@')).toEqual({ service: 'name@', host: null })
  })

  it('accepts an envelope whose body is not base64-encoded', () => {
    const raw = JSON.stringify({ body: AMQP_HEARTBEAT, 'content-type': 'application/json', properties: {} })
    expect(decodeOk(raw).instance).toBe('w2@testhost#652')
  })

  it('rejects what is not a worker event, with the reason', () => {
    expect(reason('{"hostname": "w1@h", "type": "task-received", "uuid": "x"}')).toBe(
      'not a worker event: "task-received"',
    )
    expect(reason('{"hostname": "w1@h"}')).toBe('type must be a string, got undefined')
    expect(reason('{"type": "worker-heartbeat"}')).toBe('hostname must be a string, got undefined')
    expect(reason('{"type": "worker-heartbeat", "hostname": "  "}')).toBe('hostname is empty')
    expect(reason(`{"type": "worker-heartbeat", "hostname": "${'x'.repeat(300)}"}`)).toBe(
      'hostname longer than 256',
    )
    expect(reason('{"type": "worker-heartbeat", "hostname": "w@h", "freq": "2"}')).toBe(
      'freq must be a number, got string',
    )
    expect(reason('{"type": "worker-heartbeat", "hostname": "w@h", "pid": [1]}')).toBe(
      'pid must be a number, got array',
    )
    expect(reason('[1, 2]')).toBe('message is not a JSON object')
    expect(reason('{"body": ')).toMatch(/^bad JSON/)
  })

  it('rejects envelopes it cannot open', () => {
    expect(reason(envelope('{}', { 'content-type': 'application/x-python-serialize' }))).toBe(
      'events serialized as application/x-python-serialize: only JSON is read (event_serializer = "json")',
    )
    expect(reason(envelope('{}', { body: '%%% not base64 %%%' }))).toBe(
      'envelope body is not base64 of UTF-8 text',
    )
    expect(reason(envelope('{}', { body: Buffer.from([0xff, 0xfe]).toString('base64') }))).toBe(
      'envelope body is not base64 of UTF-8 text',
    )
    expect(reason(envelope('not json'))).toMatch(/^envelope body: bad JSON/)
    expect(reason(envelope('{}', { body: 42 }))).toBe('envelope body must be a string, got number')
    expect(reason(envelope('{}', { properties: { body_encoding: 'rot13' } }))).toBe(
      'unknown envelope body_encoding "rot13"',
    )
    expect(reason(envelope('{"hostname": "w@h", "type": "task-succeeded"}'))).toBe(
      'not a worker event: "task-succeeded"',
    )
  })
})
