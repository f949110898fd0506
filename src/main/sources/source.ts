/** What every transport is: it connects, hands over raw messages and says how its connection is. */
import type { SourceState } from '../../shared/model'

/** Where a message came from in a polled registry (a Redis hash field, a table row). */
export interface RecordOrigin {
  /** The record's key in its registry; `removed(key)` names it again when it disappears. */
  key: string
  /** Read in the first scan after (re)connecting: old news, not a fresh heartbeat. */
  initialScan: boolean
}

export type Removal = 'stopped' | 'gone'

/** Facts about the source itself shown beside it (queue depth, oldest task age, …). */
export type SourceDetails = Record<string, string | number | null>

export interface SourceListener {
  /** One raw message as it came off the wire; decoding is not the transport's business. */
  message(raw: string, channel: string | null, origin?: RecordOrigin): void
  /**
   * A record disappeared from its registry: `stopped` when its own system's clean-stop path removed
   * it (an unmistakable goodbye), `gone` when it vanished otherwise.
   */
  removed(key: string, how: Removal): void
  /** Connection health; a source never throws into the engine, it reports here. */
  health(state: SourceState, error: string | null): void
  details(details: SourceDetails): void
}

export interface Source {
  start(listener: SourceListener): void
  stop(): Promise<void>
}
