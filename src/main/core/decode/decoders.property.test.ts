/**
 * Hostile and broken input (issue 5): every decoder, fed anything at all (arbitrary text, arbitrary
 * JSON, its own valid payloads mutated, huge strings, deep nesting), returns a DecodeResult and never
 * throws; what it accepts is within the limits the registry, the views and the bridge rely on.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, MAX_NAME_LENGTH, type DecodeResult, type Heartbeat } from '../heartbeat'
import { MAX_NESTING_DEPTH } from './json-object'
import { SUBJECTS } from './test-support/decoder-subjects'
import { RUNS, TIMEOUT_MS, anyText, channel, nested, raw, toText } from './test-support/hostile-input'
import { mutate, mutateText, mutation, textMutation } from './test-support/payload-mutations'

// --- What must come out -------------------------------------------------------------------------------

/** Only what JSON and structured clone carry unchanged: no functions, no class instances, no cycles. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > MAX_NESTING_DEPTH + 2) return false
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, depth + 1))
  if (typeof value !== 'object') return false
  const prototype: unknown = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return false
  return Object.values(value).every((item) => isPlainData(item, depth + 1))
}

function isName(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME_LENGTH
}

function checkHeartbeat(heartbeat: Heartbeat): void {
  expect(isName(heartbeat.service), `service ${JSON.stringify(heartbeat.service)}`).toBe(true)
  expect(isName(heartbeat.instance), `instance ${JSON.stringify(heartbeat.instance)}`).toBe(true)
  expect(heartbeat.host === null || typeof heartbeat.host === 'string').toBe(true)
  expect(heartbeat.reported === null || typeof heartbeat.reported === 'string').toBe(true)
  expect(heartbeat.beatMarker === null || typeof heartbeat.beatMarker === 'string').toBe(true)
  expect(typeof heartbeat.goodbye).toBe('boolean')
  expect(heartbeat.sentAtMs === null || Number.isFinite(heartbeat.sentAtMs), 'sentAtMs').toBe(true)
  const interval = heartbeat.declaredIntervalMs
  expect(interval === null || (Number.isFinite(interval) && interval > 0), `interval ${interval}`).toBe(true)
  expect(isPlainData(heartbeat.fields), 'fields are plain data').toBe(true)
  // What the bridge (JSON over WebSocket, structured clone over IPC) and the state file do with it.
  expect(() => JSON.stringify(heartbeat)).not.toThrow()
  expect(() => structuredClone(heartbeat)).not.toThrow()
}

function checkResult(result: DecodeResult): void {
  expect(typeof result).toBe('object')
  if (!result.ok) {
    expect(typeof result.reason).toBe('string')
    // Reasons may quote what they refuse at any length: recordRejection shortens what it keeps.
    expect(result.reason.length).toBeGreaterThan(0)
    return
  }
  expect(result.heartbeats.length).toBeGreaterThan(0)
  for (const heartbeat of result.heartbeats) checkHeartbeat(heartbeat)
}

// --- The properties -----------------------------------------------------------------------------------

describe.each(SUBJECTS)('$name, fed anything', (subject) => {
  const encode = subject.encode ?? toText

  it('accepts its own samples (so mutations start from valid payloads)', () => {
    for (const sample of subject.samples) {
      const result = subject.decode(encode(sample), 'heartbeat')
      expect(result.ok, result.ok ? '' : result.reason).toBe(true)
      checkResult(result)
    }
  })

  it(
    'any text or JSON: a result, never a throw',
    () => {
      fc.assert(
        fc.property(anyText, channel, (text, on) => checkResult(subject.decode(text, on))),
        { numRuns: RUNS },
      )
    },
    TIMEOUT_MS,
  )

  it(
    'its valid payloads mutated (fields, types, keys, text): a result within the limits',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...subject.samples),
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.option(textMutation, { freq: 4 }),
          channel,
          (sample, mutations, textChange, on) => {
            const text = mutateText(encode(mutate(sample, mutations)), textChange)
            checkResult(subject.decode(text, on))
          },
        ),
        { numRuns: RUNS * 2 },
      )
    },
    TIMEOUT_MS,
  )

  it('huge messages and deep nesting are refused, never parsed into trouble', () => {
    for (const sample of subject.samples) {
      const keys = Object.keys(sample as object)
      for (const key of keys) {
        const deep = mutate(sample, [{ kind: 'set', at: keys.indexOf(key), value: raw(nested(30_000)) }])
        checkResult(subject.decode(encode(deep), 'heartbeat'))
      }
      const padded = mutate(sample, [
        { kind: 'add', at: 0, key: 'pad', value: 'x'.repeat(MAX_MESSAGE_BYTES) },
      ])
      const result = subject.decode(encode(padded), 'heartbeat')
      expect(result.ok).toBe(false)
    }
  })
})
