/** Exposes exactly the EngineBridge of api.ts to the renderer, over IPC; nothing else crosses. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  IPC_COMMAND,
  IPC_EVENTS,
  type CommandResult,
  type EngineBridge,
  type EngineEvent,
} from '../shared/api'

const heartbeatTray: EngineBridge = {
  subscribe(listener) {
    const forward = (_ipcEvent: IpcRendererEvent, engineEvent: EngineEvent): void => listener(engineEvent)
    ipcRenderer.on(IPC_EVENTS, forward)
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS, forward)
    }
  },
  send(command) {
    return ipcRenderer.invoke(IPC_COMMAND, command) as Promise<CommandResult>
  },
}

contextBridge.exposeInMainWorld('heartbeatTray', heartbeatTray)
