import type { EngineBridge } from '../../../shared/api'

declare global {
  interface Window {
    /** Set by the preload inside Electron; absent in a plain browser. */
    heartbeatTray?: EngineBridge
  }
}

export {}
