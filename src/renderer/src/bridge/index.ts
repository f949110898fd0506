import { createIpcBridge } from './ipc-bridge'
import type { UiBridge } from './ui-bridge'
import { createWebSocketBridge, engineEventsUrl } from './ws-bridge'

export type { ConnectionStatus, UiBridge } from './ui-bridge'

/** IPC inside Electron (the preload set `window.heartbeatTray`), else the headless WebSocket. */
export function openEngineBridge(): UiBridge {
  const preloaded = window.heartbeatTray
  if (preloaded) return createIpcBridge(preloaded)
  return createWebSocketBridge(engineEventsUrl(window.location))
}
