/** From a parsed source URL to the transport that watches it and the decoder for what it carries. */
import type { Decoder } from '../core/heartbeat'
import { decodeSeed001 } from '../core/decode/seed001'
import type { SourceSpec } from '../core/source-url'
import { RedisPubSubSource } from './redis-pubsub'
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
  }
}
