/**
 * Hostile and broken input (issue 5): every decoder, fed anything at all (arbitrary text, arbitrary
 * JSON, its own valid payloads mutated, huge strings, deep nesting), returns a DecodeResult and never
 * throws; what it accepts is within the limits the registry, the views and the bridge rely on.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_BYTES, MAX_NAME_LENGTH, type DecodeResult, type Heartbeat } from '../heartbeat'
import { decodeCeleryEvent, splitNodeName } from './celery-event'
import { MAX_FIELDS, MAX_NESTING_DEPTH, parseJsonObject } from './json-object'
import { numberField, parseJsonField, parseLiveSetRecord } from './live-set-record'
import { decodePing, pingServiceProblem } from './ping'
import { decodePipelineHeartbeat } from './pipeline-heartbeat'
import { decodePipelineKeys, groupPipelineKeys, parseComponentKey } from './pipeline-keys'
import { decodePrismqWorker } from './prismq-worker'
import { pushMessageDecoder } from './push-message'
import { decodeRqWorker } from './rq-worker'
import { decodeSeed000Frame } from './seed000-frame'
import { decodeSeed000Record } from './seed000-record'
import { decodeSeed000Register } from './seed000-register'
import { decodeSeed001 } from './seed001'
import { decodeSidekiqProcess } from './sidekiq-process'
import { parseTolerantJson } from './tolerant-json'
import { parseTimestampMs } from '../timestamp'
import { sqliteTimeMs } from '../sqlite-time'

/** Small enough that the file runs in a few seconds; `PROPERTY_RUNS=20000` to search longer. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100)
const TIMEOUT_MS = Math.max(20_000, RUNS * 30)

// --- What goes in -----------------------------------------------------------------------------------

/** Text JSON.stringify cannot write (NaN, 1e400, deep nesting, `__proto__` keys), spliced in verbatim. */
const RAW_MARK = '\u0000raw:'
const raw = (text: string): string => `${RAW_MARK}${text}`
const RAW_TOKEN = /"\\u0000raw:((?:[^"\\]|\\.)*)"/g

function toText(value: unknown): string {
  return JSON.stringify(value).replace(
    RAW_TOKEN,
    (_, escaped: string) => JSON.parse(`"${escaped}"`) as string,
  )
}

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
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
const anyText = fc.oneof(
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

type Path = (string | number)[]

/** Every place in a value a mutation can hit: the root's own keys, and everything below them. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return []
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value)
  return keys.flatMap((key) => [
    [...prefix, key],
    ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]),
  ])
}

function containerAt(root: unknown, path: Path): Record<string | number, unknown> | null {
  let node = root
  for (const key of path) node = (node as Record<string | number, unknown>)[key]
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : null
}

/** An own, enumerable property even for `__proto__`: plain assignment would change the prototype. */
function put(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'toString', 'constructor')),
    value: hostileValue,
  }),
)

function mutate(sample: unknown, mutations: readonly Mutation[]): unknown {
  const root: unknown = structuredClone(sample)
  for (const change of mutations) {
    const paths = pathsOf(root)
    if (change.kind === 'add') {
      const containers = [[], ...paths].filter((path) => {
        const node = containerAt(root, path)
        return node !== null && !Array.isArray(node)
      })
      const target = containerAt(root, containers[change.at % containers.length] ?? [])
      if (target) put(target, change.key, structuredClone(change.value))
      continue
    }
    const path = paths[change.at % Math.max(1, paths.length)]
    if (!path) continue
    const parent = containerAt(root, path.slice(0, -1))
    const key = path[path.length - 1] as string | number
    if (!parent) continue
    if (change.kind === 'set') put(parent, key, structuredClone(change.value))
    else if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
  }
  return root
}

type TextMutation = { kind: 'cut' | 'insert' | 'drop'; at: number; text: string }

const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom('cut', 'insert', 'drop'),
  at: fc.nat(),
  text: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
})

function mutateText(text: string, change: TextMutation | null): string {
  if (change === null || text.length === 0) return text
  const at = change.at % text.length
  if (change.kind === 'cut') return text.slice(0, at)
  if (change.kind === 'insert') return text.slice(0, at) + change.text + text.slice(at)
  return text.slice(0, at) + text.slice(at + change.text.length)
}

// --- The decoders and a valid payload of each ---------------------------------------------------------

interface Subject {
  name: string
  decode: (raw: string, channel: string | null) => DecodeResult
  /** Valid payloads (each accepted as it is), the starting points of mutations. */
  samples: readonly unknown[]
  /** From a (mutated) sample to the message text; JSON by default. */
  encode?: (value: unknown) => string
}

const CELERY_EVENT = {
  hostname: 'w1@host',
  utcoffset: 0,
  pid: 16785,
  clock: 2,
  freq: 2.0,
  active: 0,
  processed: 0,
  loadavg: [0.1, 0.2, 0.3],
  sw_ident: 'py-celery',
  sw_ver: '5.2.6',
  sw_sys: 'Linux',
  timestamp: 1795447220.51,
  type: 'worker-heartbeat',
}
const SIDEKIQ_INFO = {
  hostname: 'web-1',
  started_at: 1795733929.7,
  pid: 77,
  tag: 'app',
  concurrency: 5,
  queues: ['default'],
  labels: [],
  identity: 'web-1:77:0a1b2c3d4e5f',
  version: '7.3.9',
}
const sidekiqRecord = (info: string): Record<string, unknown> => ({
  key: 'web-1:77:0a1b2c3d4e5f',
  hash: { info, busy: '1', beat: '1795733929.76', rss: '29788', rtt_us: '300', quiet: 'false' },
  ttl_ms: 55_000,
})
const kombuEnvelope = (event: string): Record<string, unknown> => ({
  body: Buffer.from(event, 'utf8').toString('base64'),
  'content-type': 'application/json',
  headers: { hostname: 'w1@host' },
  properties: { body_encoding: 'base64', delivery_info: { exchange: 'celeryev' } },
})
const pushDecoder = pushMessageDecoder(5_000)

const SUBJECTS: readonly Subject[] = [
  {
    name: 'seed001',
    decode: (text) => decodeSeed001(text),
    samples: [
      {
        service_name: 'billing',
        instance_id: 'i-1',
        timestamp: '2025-01-16T08:30:00.123456+00:00',
        uptime_seconds: 3600.5,
        heartbeat_count: 60,
        memory_usage_mb: 156.3,
        cpu_usage_percent: 12.5,
        interval_seconds: 30,
        status: 'ok',
        host: 'h1',
      },
    ],
  },
  {
    name: 'seed000-frame',
    decode: (text) => decodeSeed000Frame(text, 5_000),
    samples: [
      {
        timestamp: '2025-05-18 10:00:00.123456',
        worker_id: '3f0c2b9e-1d2a-4c1b-9e57-2f1c0d3b4a5e',
        worker_name: 'worker-1',
        status: 'alive',
        metrics: { cpu: 12.5, memory: 40.1 },
      },
    ],
  },
  {
    name: 'seed000-register',
    decode: (text) => decodeSeed000Register(text, 5_000),
    samples: [
      { worker_id: 'a1', worker_name: 'worker-1', host: '172.18.0.4', port: 8001, status: 'registering' },
    ],
  },
  {
    name: 'seed000-record',
    decode: (text) => decodeSeed000Record(text),
    samples: [
      {
        worker_id: 'a1',
        worker_name: 'worker-1',
        host: '172.18.0.4',
        port: 8001,
        status: 'connected',
        last_heartbeat: '2025-05-18 10:00:00.123456',
      },
    ],
  },
  {
    name: 'ping',
    decode: (text) => decodePing(text),
    samples: [
      { service: 'nightly-backup', kind: 'success', durationMs: 1200, body: 'done' },
      { service: 'nightly-backup', kind: 'start' },
    ],
  },
  {
    name: 'push-message',
    decode: (text, channel) => pushDecoder(text, { channel }),
    samples: [{ service: 'backup', kind: 'fail', service_name: 'billing', worker_id: 'a1' }],
  },
  {
    name: 'pipeline-heartbeat',
    decode: (text) => decodePipelineHeartbeat(text),
    samples: [
      {
        status: 'heartbeat',
        service: 'publisher',
        timestamp: '2024-11-11 13:40:17 UTC',
        hosts: [{ name: 'sda-doa', status: 'ok', timestamp: '2024-11-11 13:41:17 UTC' }],
        rmq_consumers: {
          queues_status: [{ name: 'inbox', status: 'ok', timestamp: '2024-11-11 13:41:17 UTC' }],
          services_status: [{ name: 'ingest', status: 'not_ok', timestamp: '2024-11-11 13:41:17 UTC' }],
        },
      },
    ],
  },
  {
    name: 'pipeline-keys',
    decode: (text) => decodePipelineKeys(text),
    samples: [
      { kind: 'service', name: 'ingest', ok: '2024-11-11 13:40:17 UTC', not_ok: null },
      { kind: 'queue', name: 'inbox', ok: null, not_ok: '2024-11-11 13:40:17 UTC' },
    ],
  },
  {
    name: 'prismq-worker',
    decode: (text, channel) => decodePrismqWorker(text, { channel }),
    samples: [
      { worker_id: 'w1', capabilities: '{"host": "h1", "gpu": NaN}', heartbeat_utc: '2025-01-01 10:00:00' },
      {
        worker_id: 'w2',
        status: 'active',
        last_heartbeat: '2025-01-01 10:00:00',
        tasks_processed: 3,
        started_at: '2025-01-01 09:00:00',
        metadata: '{}',
      },
    ],
  },
  {
    name: 'celery-event',
    decode: (text) => decodeCeleryEvent(text),
    samples: [CELERY_EVENT, kombuEnvelope(JSON.stringify(CELERY_EVENT))],
  },
  {
    name: 'celery-event (inside a kombu envelope)',
    decode: (text) => decodeCeleryEvent(text),
    samples: [CELERY_EVENT],
    encode: (event) => JSON.stringify(kombuEnvelope(toText(event))),
  },
  {
    name: 'rq-worker',
    decode: (text) => decodeRqWorker(text),
    samples: [
      {
        key: 'rq:worker:0123456789abcdef0123456789abcdef',
        hash: {
          birth: '2026-11-26T22:58:40.691281Z',
          last_heartbeat: '2026-11-26T22:58:40.691281Z',
          state: 'idle',
          queues: 'default',
          pid: '123',
          hostname: 'h1',
        },
        ttl_ms: 400_000,
        read_at_ms: 1_795_447_220_510,
      },
    ],
  },
  {
    name: 'sidekiq-process',
    decode: (text) => decodeSidekiqProcess(text),
    samples: [sidekiqRecord(JSON.stringify(SIDEKIQ_INFO))],
  },
  {
    name: 'sidekiq-process (its info)',
    decode: (text) => decodeSidekiqProcess(text),
    samples: [SIDEKIQ_INFO],
    encode: (info) => JSON.stringify(sidekiqRecord(toText(info))),
  },
]

const channel = fc.oneof(
  fc.constantFrom(null, 'ws', 'register', 'heartbeat', 'ping', 'workers', 'worker_registry', '__proto__'),
  fc.string({ maxLength: 12 }),
)

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
