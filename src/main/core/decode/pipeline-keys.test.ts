import { describe, expect, it } from 'vitest'
import type { Heartbeat } from '../heartbeat'
import { decodePipelineKeys, groupPipelineKeys, parseComponentKey } from './pipeline-keys'

function decodeOk(raw: string): Heartbeat {
  const result = decodePipelineKeys(raw)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(raw: string): string {
  const result = decodePipelineKeys(raw)
  if (result.ok) throw new Error('accepted')
  return result.reason
}

function component(fields: Record<string, unknown>): string {
  return JSON.stringify({ kind: 'service', name: 'mq-interceptor', ok: null, not_ok: null, ...fields })
}

describe('seed 002 subscriber keys', () => {
  it('reads kind, name and status from a key, names with colons included', () => {
    expect(parseComponentKey('service:sda-doa:ok')).toEqual({
      kind: 'service',
      name: 'sda-doa',
      status: 'ok',
    })
    expect(parseComponentKey('queue:inbox:not_ok')).toEqual({
      kind: 'queue',
      name: 'inbox',
      status: 'not_ok',
    })
    expect(parseComponentKey('service:db:5432:not_ok')).toEqual({
      kind: 'service',
      name: 'db:5432',
      status: 'not_ok',
    })
    expect(parseComponentKey('service:ok:ok')).toEqual({ kind: 'service', name: 'ok', status: 'ok' })
    expect(parseComponentKey('service:x')).toBeNull()
    expect(parseComponentKey('service::ok')).toBeNull()
    expect(parseComponentKey('services:x:ok')).toBeNull()
  })

  it('groups both keys of a component into one record and counts keys that are not its', () => {
    const grouped = groupPipelineKeys([
      ['service:sda-doa:ok', '2024-11-11 13:41:17 UTC'],
      ['service:sda-doa:not_ok', '2024-11-11 13:40:17 UTC'],
      ['queue:inbox:not_ok', '2024-11-11 13:41:17 UTC'],
      ['service:config', '{"a": 1}'],
    ])
    expect(grouped.ignoredKeys).toBe(1)
    expect([...grouped.components.keys()]).toEqual(['service:sda-doa', 'queue:inbox'])
    expect(JSON.parse(grouped.components.get('service:sda-doa') as string)).toEqual({
      kind: 'service',
      name: 'sda-doa',
      ok: '2024-11-11 13:41:17 UTC',
      not_ok: '2024-11-11 13:40:17 UTC',
    })
  })

  it('takes the status of the newer key, its timestamp as the beat marker', () => {
    const ok = decodeOk(component({ ok: '2024-11-11 13:41:17 UTC', not_ok: '2024-11-11 13:40:17 UTC' }))
    expect(ok).toMatchObject({
      service: 'mq-interceptor',
      instance: 'mq-interceptor',
      reported: 'ok',
      beatMarker: '2024-11-11 13:41:17 UTC',
      sentAtMs: Date.UTC(2024, 10, 11, 13, 41, 17),
      goodbye: false,
      host: null,
    })
    const notOk = decodeOk(component({ ok: '2024-11-11 13:41:17 UTC', not_ok: '2024-11-11 13:42:17 UTC' }))
    expect(notOk.reported).toBe('not_ok')
    expect(notOk.beatMarker).toBe('2024-11-11 13:42:17 UTC')
    expect(decodeOk(component({ not_ok: '2024-11-11 13:42:17 UTC' })).reported).toBe('not_ok')
  })

  it('says not_ok when both keys hold the same second', () => {
    const tie = '2024-11-11 13:41:17 UTC'
    expect(decodeOk(component({ ok: tie, not_ok: tie })).reported).toBe('not_ok')
  })

  it('names a queue queue:{name}, so it never merges with a service of the same name', () => {
    const queue = decodeOk(JSON.stringify({ kind: 'queue', name: 'inbox', ok: '2024-11-11 13:41:17 UTC' }))
    expect(queue.service).toBe('queue:inbox')
    expect(queue.instance).toBe('inbox')
  })

  it('rejects what is not a component with a reason', () => {
    expect(reason('{"kind": ')).toMatch(/^bad JSON/)
    expect(reason('{"kind": "host", "name": "x", "ok": "2024-11-11 13:41:17 UTC"}')).toBe(
      'kind must be service or queue, got host',
    )
    expect(reason('{"kind": 3}')).toBe('kind must be service or queue, got number')
    expect(reason('{"kind": "queue", "ok": "2024-11-11 13:41:17 UTC"}')).toBe('missing component name')
    expect(reason(component({}))).toBe('service:mq-interceptor has neither an ok nor a not_ok key')
    expect(reason(component({ ok: 'running' }))).toBe(
      'service:mq-interceptor:ok holds "running", not a timestamp',
    )
    expect(reason(component({ not_ok: 5 }))).toBe(
      'service:mq-interceptor:not_ok must be a string, got number',
    )
  })
})
