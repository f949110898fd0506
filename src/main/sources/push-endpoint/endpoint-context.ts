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

/** The push endpoint's decoder, in two hands: the endpoint's, for its verdicts, and the engine's. */
export interface SharedDecoder {
  /** Decodes and keeps the verdict for the engine's next call. */
  judge: Decoder
  /** The engine's: takes the verdict kept for this same message, once, instead of decoding it again. */
  decoder: Decoder
}

/**
 * The endpoint judges each message (its HTTP answer carries the verdict), then hands it to the engine,
 * which would run the same decoder on it again. Decoders are pure: the same text on the same channel
 * decodes the same. A verdict is handed over only to the call right after it, so no two ingestions
 * ever share a decoded heartbeat.
 */
export function decodingOnce(decode: Decoder): SharedDecoder {
  let judgedRaw: string | null = null
  let judgedChannel: string | null = null
  let judged: DecodeResult | null = null
  return {
    judge: (raw, context) => {
      judged = decode(raw, context)
      judgedRaw = raw
      judgedChannel = context.channel
      return judged
    },
    decoder: (raw, context) => {
      const verdict = judged
      judged = null
      if (verdict !== null && raw === judgedRaw && context.channel === judgedChannel) return verdict
      return decode(raw, context)
    },
  }
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
