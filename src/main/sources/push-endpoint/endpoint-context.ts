/** What every part of the push endpoint shares: the engine's listener, the decoder, limits, counters. */
import type { DecodeResult, Decoder } from '../../core/heartbeat'
import type { PushChannel } from '../../core/decode/push-message'
import type { AccessPolicy } from '../../http/access'
import type { RecordOrigin, SourceListener } from '../source'
import type { PushLimits } from './guard'
import type { WorkerRegistry } from './worker-registry'

/** Refusals that never reach the decoder, shown in the source's details. */
export interface EndpointCounters {
  unauthorized: number
  registryFull: number
  tooManyWebSockets: number
  oversizeFrames: number
}

export interface EndpointContext {
  readonly listener: SourceListener
  readonly decoder: Decoder
  readonly access: AccessPolicy
  readonly limits: PushLimits
  readonly counters: EndpointCounters
  readonly registry: WorkerRegistry
  /** Something `details()` shows changed; pushed to the engine soon, coalesced. */
  detailsChanged(): void
}

/**
 * Hands a message to the engine and returns the verdict of the same decoder the engine runs, so an
 * HTTP answer (200, or 400 with the reason) always agrees with what the source's stats count.
 */
export function deliver(
  context: EndpointContext,
  raw: string,
  channel: PushChannel,
  origin?: RecordOrigin,
): DecodeResult {
  const verdict = context.decoder(raw, { channel })
  context.listener.message(raw, channel, origin)
  return verdict
}
