/** From a parsed source URL to the transport that watches it and the decoder for what it carries. */
import type { Decoder } from '../core/heartbeat'
import { decodeSeed001 } from '../core/decode/seed001'
import type { SourceSpec } from '../core/source-url'
import { RedisPubSubSource } from './redis-pubsub'
import { decodeSeed000Record } from '../core/decode/seed000-record'
import { decodePipelineKeys } from '../core/decode/pipeline-keys'
import { RedisHashSource } from './redis-hash'
import { RedisKeysSource } from './redis-keys'
import { decodePrismqWorker, PRISMQ_HEARTBEAT_INTERVAL_MS } from '../core/decode/prismq-worker'
import { SqliteRegistrySource } from './sqlite-registry'
import { decodePipelineHeartbeat } from '../core/decode/pipeline-heartbeat'
import { AmqpSource } from './amqp'
import { pushMessageDecoder } from '../core/decode/push-message'
import { PushEndpointSource } from './push-endpoint/push-endpoint-source'
import { decodingOnce } from './push-endpoint/endpoint-context'
import { decodeCeleryEvent } from '../core/decode/celery-event'
import { decodeRqWorker } from '../core/decode/rq-worker'
import { decodeSidekiqProcess } from '../core/decode/sidekiq-process'
import { rqWorkersSource, sidekiqProcessesSource } from './job-queue-registries'
import { RedisClusterPubSubSource } from './redis-cluster-pubsub'
import { RedisClusterHashSource } from './redis-cluster-hash'
import type { Source } from './source'

export interface SourcePlan {
  source: Source
  decoder: Decoder
  /** The interval assumed for its instances until something better is known; null: the app default. */
  defaultIntervalMs: number | null
}

export function planSource(spec: SourceSpec): SourcePlan {
  switch (spec.kind) {
    case 'redis-pubsub':
      return {
        source: new RedisPubSubSource(spec),
        decoder: decodeSeed001,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'push': {
      const { judge, decoder } = decodingOnce(pushMessageDecoder(spec.workerIntervalMs))
      return {
        source: new PushEndpointSource(spec, judge),
        decoder,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    }
    case 'redis-hash':
      return {
        source: new RedisHashSource(spec),
        decoder: decodeSeed000Record,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'amqp':
      return {
        source: new AmqpSource(spec),
        decoder: decodePipelineHeartbeat,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'redis-keys':
      return {
        source: new RedisKeysSource(spec),
        decoder: decodePipelineKeys,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'sqlite-registry': {
      // Seeds 003/004 recommend 30 s, not the app's 60 s default.
      const intervalMs = spec.defaultIntervalMs ?? PRISMQ_HEARTBEAT_INTERVAL_MS
      return {
        source: new SqliteRegistrySource(spec, { expectedIntervalMs: intervalMs }),
        decoder: decodePrismqWorker,
        defaultIntervalMs: intervalMs,
      }
    }
    // Celery's events ride on plain pub/sub or a plain exchange binding: the same transports.
    case 'celery-redis':
      return {
        source: new RedisPubSubSource(spec.subscription),
        decoder: decodeCeleryEvent,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'celery-amqp':
      return {
        source: new AmqpSource(spec.subscription),
        decoder: decodeCeleryEvent,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'rq':
      return {
        source: rqWorkersSource(spec),
        decoder: decodeRqWorker,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'redis-cluster-pubsub':
      return {
        source: new RedisClusterPubSubSource(spec),
        decoder: decodeSeed001,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'redis-cluster-hash':
      return {
        source: new RedisClusterHashSource(spec),
        decoder: decodeSeed000Record,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
    case 'sidekiq':
      return {
        source: sidekiqProcessesSource(spec),
        decoder: decodeSidekiqProcess,
        defaultIntervalMs: spec.defaultIntervalMs,
      }
  }
}
