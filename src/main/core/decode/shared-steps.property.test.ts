/**
 * Hostile and broken input (issue 5), below the decoders: the JSON steps they share refuse what is too
 * big or too deep, and the helpers they are built from return a value for anything, never a throw.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES } from '../heartbeat'
import { sqliteTimeMs } from '../sqlite-time'
import { parseTimestampMs } from '../timestamp'
import { splitNodeName } from './celery-event'
import { MAX_FIELDS, MAX_NESTING_DEPTH, parseJsonObject } from './json-object'
import { numberField, parseJsonField, parseLiveSetRecord } from './live-set-record'
import { pingServiceProblem } from './ping'
import { groupPipelineKeys, parseComponentKey } from './pipeline-keys'
import { decodeSeed001 } from './seed001'
import {
  RUNS,
  TIMEOUT_MS,
  anyText,
  hostileValue,
  nested,
  toText,
  utf16Unit,
} from './test-support/hostile-input'
import { parseTolerantJson } from './tolerant-json'

describe('the shared JSON steps', () => {
  it(
    'parseJsonObject and parseTolerantJson: a result for any text',
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const object = parseJsonObject(text)
          expect(object.ok || object.reason.length > 0).toBe(true)
          const value = parseTolerantJson(text)
          expect(value.ok || value.reason.length > 0).toBe(true)
        }),
        { numRuns: RUNS * 2 },
      )
    },
    TIMEOUT_MS,
  )

  it('refuses a message over the size limit, counted in bytes, not characters', () => {
    const body = (pad: string): string => JSON.stringify({ service_name: 'svc', pad })
    const overhead = body('').length
    expect(decodeSeed001(body('x'.repeat(MAX_MESSAGE_BYTES - overhead))).ok).toBe(true)
    expect(decodeSeed001(body('x'.repeat(MAX_MESSAGE_BYTES - overhead + 1)))).toEqual({
      ok: false,
      reason: 'message over 64 KiB',
    })
    // Three bytes each in UTF-8: a third as many characters is already over.
    const euros = '€'.repeat(Math.ceil((MAX_MESSAGE_BYTES - overhead + 1) / 3))
    expect(euros.length + overhead).toBeLessThan(MAX_MESSAGE_BYTES)
    expect(decodeSeed001(body(euros))).toEqual({ ok: false, reason: 'message over 64 KiB' })
  })

  it(`refuses more than ${MAX_FIELDS} fields, and nesting deeper than ${MAX_NESTING_DEPTH}`, () => {
    const fields = (count: number): string =>
      JSON.stringify(
        Object.fromEntries([
          ['service_name', 'svc'],
          ...Array.from({ length: count - 1 }, (_, i) => [`f${i}`, i]),
        ]),
      )
    expect(decodeSeed001(fields(MAX_FIELDS)).ok).toBe(true)
    expect(decodeSeed001(fields(MAX_FIELDS + 1))).toEqual({
      ok: false,
      reason: `more than ${MAX_FIELDS} fields`,
    })
    const deep = (depth: number): string => `{"service_name":"svc","a":${nested(depth - 1)}}`
    expect(decodeSeed001(deep(MAX_NESTING_DEPTH)).ok).toBe(true)
    expect(decodeSeed001(deep(MAX_NESTING_DEPTH + 1))).toEqual({
      ok: false,
      reason: `nested deeper than ${MAX_NESTING_DEPTH} levels`,
    })
    // Brackets inside strings are text, not nesting.
    expect(decodeSeed001(JSON.stringify({ service_name: 'svc', a: nested(1_000) })).ok).toBe(true)
  })

  it(`refuses a live-set hash of more than ${MAX_FIELDS} fields`, () => {
    const hash = Object.fromEntries(Array.from({ length: MAX_FIELDS + 1 }, (_, i) => [`f${i}`, '1']))
    expect(parseLiveSetRecord(JSON.stringify({ key: 'k', hash }))).toEqual({
      ok: false,
      reason: `k: hash has more than ${MAX_FIELDS} fields`,
    })
  })
})

describe('the helpers decoders are built from: never a throw', () => {
  it(
    'timestamps, SQLite times, node names, ping names, component keys, hash fields',
    () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue, fc.string({ unit: utf16Unit, maxLength: 40 })), (value) => {
          const text = typeof value === 'string' ? value : toText(value)
          for (const ms of [
            parseTimestampMs(value, 'utc'),
            parseTimestampMs(value, 'local'),
            sqliteTimeMs(value),
          ]) {
            expect(ms === null || Number.isFinite(ms)).toBe(true)
          }
          expect(typeof splitNodeName(text).service).toBe('string')
          expect(pingServiceProblem(text) === null || typeof pingServiceProblem(text) === 'string').toBe(true)
          parseComponentKey(text)
          groupPipelineKeys([[text, text]])
          const hash = { beat: text, info: text }
          expect(numberField(hash, 'beat') === null || Number.isFinite(numberField(hash, 'beat'))).toBe(true)
          parseJsonField(hash, 'info')
        }),
        { numRuns: RUNS * 2 },
      )
    },
    TIMEOUT_MS,
  )
})
