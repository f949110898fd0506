/** The renderer's one store: engine data plus the state of the link. One `set` per engine event. */
import { create } from 'zustand'
import type { EngineEvent } from '../../shared/api'
import type { ConnectionStatus } from './bridge'
import { applyEngineEvent, NO_ENGINE_DATA, type EngineData } from './engine-data'

interface HeartbeatStore extends EngineData {
  connection: ConnectionStatus
  applyEvent(event: EngineEvent): void
  setConnection(connection: ConnectionStatus): void
}

export const useHeartbeatStore = create<HeartbeatStore>()((set) => ({
  ...NO_ENGINE_DATA,
  connection: 'connecting',
  // Returning the same state object for an empty delta makes zustand skip the render.
  applyEvent: (event) => set((state) => applyEngineEvent(state, event)),
  setConnection: (connection) => set({ connection }),
}))
