/**
 * Hostile input for the decoders' properties: arbitrary text and JSON, and values JSON.stringify cannot
 * write (NaN, 1e400, deep nesting, `__proto__` keys), huge strings, odd channels.
 */
import fc from 'fast-check'
import { MAX_MESSAGE_BYTES, MAX_NAME_LENGTH } from '../../heartbeat'

/** Small enough that each property file runs in a few seconds; `PROPERTY_RUNS=20000` to search longer. */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 100)
export const TIMEOUT_MS = Math.max(20_000, RUNS * 30)

/** Text JSON.stringify cannot write (NaN, 1e400, deep nesting, `__proto__` keys), spliced in verbatim. */
const RAW_MARK = '\u0000raw:'
export const raw = (text: string): string => `${RAW_MARK}${text}`
const RAW_TOKEN = /"\\u0000raw:((?:[^"\\]|\\.)*)"/g

export function toText(value: unknown): string {
  return JSON.stringify(value).replace(
    RAW_TOKEN,
    (_, escaped: string) => JSON.parse(`"${escaped}"`) as string,
  )
}

export const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

export const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: MAX_NAME_LENGTH - 2, maxLength: MAX_NAME_LENGTH + 10 }),
  fc.double(),
  fc.integer({ min: 2, max: 20_000 }).map((depth) => raw(nested(depth))),
  fc.integer({ min: 2, max: 5_000 }).map((depth) => raw(nestedObjects(depth))),
  fc.constantFrom<unknown>(
    raw('NaN'),
    raw('Infinity'),
    raw('-Infinity'),
    raw('1e400'),
    raw('-1e400'),
    raw('{"__proto__":{"polluted":1}}'),
    raw('{"toString":1,"valueOf":{}}'),
    { constructor: { prototype: { polluted: 1 } } },
    1e308,
    -1e308,
    5e-324,
    -0,
    -1,
    2 ** 53 + 1,
    '',
    ' ',
    '\u0000',
    '\ud800',
    'NaN',
    '1795447220.51',
    '2025-01-16T08:30:00.123456+00:00',
    '9999-12-31 23:59:60.999999 UTC',
    '0000-01-01 00:00:00',
    'a@',
    '@b',
    'y'.repeat(2_000),
    'x'.repeat(MAX_MESSAGE_BYTES),
    '€'.repeat(MAX_MESSAGE_BYTES / 3),
    [],
    {},
  ),
)

/** Any text at all, and any JSON. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: utf16Unit, maxLength: 300 }),
  fc.json({ maxDepth: 4 }),
  fc
    .array(fc.tuple(fc.string({ maxLength: 12 }), hostileValue), { maxLength: 8 })
    .map((entries) => toText(Object.fromEntries(entries))),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '[]',
    '{}',
    '"text"',
    'NaN',
    '\ufeff{}',
    '{"a":NaN,"b":-Infinity}',
    '{"__proto__":{"polluted":1}}',
    '{"toString":1}',
    '{"a":1e400}',
    '{"a":"\\ud800"}',
    `{${'"k":1,'.repeat(10)}"k":2}`,
  ),
)

export const channel = fc.oneof(
  fc.constantFrom(null, 'ws', 'register', 'heartbeat', 'ping', 'workers', 'worker_registry', '__proto__'),
  fc.string({ maxLength: 12 }),
)
