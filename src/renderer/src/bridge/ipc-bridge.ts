import type { CommandResult, EngineBridge } from '../../../shared/api'
import type { UiBridge } from './ui-bridge'

/** Wraps the preload's `window.heartbeatTray` inside Electron. */
export function createIpcBridge(engine: EngineBridge): UiBridge {
  const send: UiBridge['send'] = (command) =>
    engine.send(command).catch((error: unknown): CommandResult => ({ ok: false, error: String(error) }))

  return {
    transport: 'ipc',
    subscribe(listener) {
      const unsubscribe = engine.subscribe(listener)
      // Main may have sent its snapshot before this window listened; asking costs one message.
      void send({ type: 'requestSnapshot' })
      return unsubscribe
    },
    send,
    watchStatus(listener) {
      listener('connected')
      return () => {}
    },
  }
}
