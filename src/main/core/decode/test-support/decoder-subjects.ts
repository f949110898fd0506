/** Every decoder, with valid payloads of each: the starting points of the decoders' properties. */
import type { DecodeResult } from '../../heartbeat'
import { decodeCeleryEvent } from '../celery-event'
import { decodePing } from '../ping'
import { decodePipelineHeartbeat } from '../pipeline-heartbeat'
import { decodePipelineKeys } from '../pipeline-keys'
import { decodePrismqWorker } from '../prismq-worker'
import { pushMessageDecoder } from '../push-message'
import { decodeRqWorker } from '../rq-worker'
import { decodeSeed000Frame } from '../seed000-frame'
import { decodeSeed000Record } from '../seed000-record'
import { decodeSeed000Register } from '../seed000-register'
import { decodeSeed001 } from '../seed001'
import { decodeSidekiqProcess } from '../sidekiq-process'
import { toText } from './hostile-input'

export interface Subject {
  name: string
  decode: (raw: string, channel: string | null) => DecodeResult
  /** Valid payloads (each accepted as it is), the starting points of mutations. */
  samples: readonly unknown[]
  /** From a (mutated) sample to the message text; JSON by default. */
  encode?: (value: unknown) => string
}

export const CELERY_EVENT = {
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
export const SIDEKIQ_INFO = {
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
export const sidekiqRecord = (info: string): Record<string, unknown> => ({
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

export const SUBJECTS: readonly Subject[] = [
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
