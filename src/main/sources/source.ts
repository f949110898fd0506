/** What every transport is: it connects, hands over raw messages and says how its connection is. */
import type { SourceState } from '../../shared/model'

export interface SourceListener {
  /** One raw message as it came off the wire; decoding is not the transport's business. */
  message(raw: string, channel: string | null): void
  /** Connection health; a source never throws into the engine, it reports here. */
  health(state: SourceState, error: string | null): void
}

export interface Source {
  start(listener: SourceListener): void
  stop(): Promise<void>
}
