/**
 * The one contract between the engine and any UI. The preload exposes exactly this over IPC, headless
 * mode serves exactly this over WebSocket, and the renderer consumes exactly this.
 */
import type { Delta, Snapshot } from './model'

/** Messages from the engine to a UI. */
export type EngineEvent = { type: 'snapshot'; snapshot: Snapshot } | { type: 'delta'; delta: Delta }

/** Commands from a UI to the engine; every one is validated in main. */
export type UiCommand = { type: 'requestSnapshot' }

export type CommandResult = { ok: true } | { ok: false; error: string }

/** What the renderer holds: the same shape whether it talks IPC or WebSocket. */
export interface EngineBridge {
  subscribe(listener: (event: EngineEvent) => void): () => void
  send(command: UiCommand): Promise<CommandResult>
}

/** Frames on the headless WebSocket: engine events and command results one way, commands the other. */
export type WsServerFrame = EngineEvent | { type: 'result'; id: number; result: CommandResult }
export type WsClientFrame = { type: 'command'; id: number; command: UiCommand }

/** IPC channel names, used by the preload and the Electron shell alike. */
export const IPC_EVENTS = 'heartbeat-tray:event'
export const IPC_COMMAND = 'heartbeat-tray:command'
/** Path of the headless WebSocket that carries EngineEvent frames. */
export const WS_EVENTS_PATH = '/api/events'

const COMMAND_TYPES = new Set<UiCommand['type']>(['requestSnapshot'])

/** Narrows untrusted input from a UI to a UiCommand, or says why not. */
export function parseUiCommand(
  input: unknown,
): { ok: true; command: UiCommand } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null) return { ok: false, error: 'command must be an object' }
  const type = (input as { type?: unknown }).type
  if (typeof type !== 'string' || !COMMAND_TYPES.has(type as UiCommand['type'])) {
    return { ok: false, error: `unknown command type: ${String(type)}` }
  }
  return { ok: true, command: { type: type as UiCommand['type'] } }
}
