/** The renderer's engine store: engine data plus the link. One `set` per engine event, so one render. */
import { create } from 'zustand'
import type { CommandResult, EngineEvent, UiCommand } from '../../shared/api'
import type { ConnectionStatus } from './bridge'
import { applyEngineEvent, NO_ENGINE_DATA, type EngineData } from './engine-data'

interface HeartbeatStore extends EngineData {
  connection: ConnectionStatus
  /** Sends a command to the engine; never rejects. Set by main.tsx once the bridge is open. */
  send(command: UiCommand): Promise<CommandResult>
  applyEvent(event: EngineEvent): void
  setConnection(connection: ConnectionStatus): void
}

export const useHeartbeatStore = create<HeartbeatStore>()((set) => ({
  ...NO_ENGINE_DATA,
  connection: 'connecting',
  send: () => Promise.resolve({ ok: false, error: 'not connected to the engine' }),
  // Returning the same state object for an empty delta makes zustand skip the render.
  applyEvent: (event) => set((state) => applyEngineEvent(state, event)),
  setConnection: (connection) => set({ connection }),
}))

export function sendCommand(command: UiCommand): Promise<CommandResult> {
  return useHeartbeatStore.getState().send(command)
}
