import type { EngineBridge } from '../../../shared/api'

/** The renderer's link to the engine. Over IPC it is always 'connected'. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting'

/**
 * The api.ts contract plus the state of the link itself, which only the view cares about. Every
 * subscriber receives a snapshot first, whichever transport carries it, and send() never rejects.
 */
export interface UiBridge extends EngineBridge {
  readonly transport: 'ipc' | 'websocket'
  watchStatus(listener: (status: ConnectionStatus) => void): () => void
}
