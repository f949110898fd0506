/**
 * The one decoder of the built-in push endpoint. Its transport speaks several protocols on one port
 * and says which one a message came by in `context.channel`; each has its wire format's decoder.
 */
import { reject, type Decoder } from '../heartbeat'
import { decodePing } from './ping'
import { decodeSeed000Frame } from './seed000-frame'
import { decodeSeed000Register } from './seed000-register'
import { decodeSeed001 } from './seed001'

/** Seed 000's WebSocket frame, seed 000's `POST /register`, seed 001's `POST /heartbeat`, a ping. */
export type PushChannel = 'ws' | 'register' | 'heartbeat' | 'ping'

/**
 * `workerIntervalMs`: the interval declared for seed 000 workers (ws and register), whose messages do
 * not say it. Pings and seed 001 bodies follow the usual rules (declared, learned, source default).
 */
export function pushMessageDecoder(workerIntervalMs: number): Decoder {
  return (raw, context) => {
    const channel = context.channel as PushChannel | null
    switch (channel) {
      case 'ws':
        return decodeSeed000Frame(raw, workerIntervalMs)
      case 'register':
        return decodeSeed000Register(raw, workerIntervalMs)
      case 'heartbeat':
        return decodeSeed001(raw)
      case 'ping':
        return decodePing(raw)
      default:
        return reject(`no push channel ${JSON.stringify(context.channel)}`)
    }
  }
}
