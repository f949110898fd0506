/**
 * The one contract between the engine and any UI. The preload exposes exactly this over IPC, headless
 * mode serves exactly this over WebSocket, and the renderer consumes exactly this.
 */
import type { Delta, ServiceRow, ServiceView, Snapshot, UserSettings } from './model'
import type { PackedRows } from './packed-rows'

/**
 * Messages from the engine to a UI. A `view` is the whole of the instance the UI inspects: sent when it
 * asks, and after each delta that changed it.
 */
export type EngineEvent =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'delta'; delta: Delta }
  | { type: 'view'; view: ServiceView }

/** Commands from a UI to the engine; every one is validated in main (src/main/commands.ts). */
export type UiCommand =
  | { type: 'requestSnapshot' }
  /** Send this UI the whole view of one instance, now and whenever it changes; null stops. */
  | { type: 'inspect'; id: string | null }
  /** Watch a new source; applies at once and persists. */
  | { type: 'addSource'; url: string }
  | { type: 'removeSource'; id: string }
  /** Connect to a source URL without adding it, and say whether it works or the exact error. */
  | { type: 'testSource'; url: string }
  /** Silence notifications about an instance or a whole service (a rollup id), until a time or, with
   * `untilMs: null`, until it recovers. */
  | { type: 'mute'; target: string; untilMs: number | null }
  | { type: 'unmute'; target: string }
  /** Silence every notification until a time; null ends the snooze. */
  | { type: 'snooze'; untilMs: number | null }
  /** Set, or with null clear, the expected interval of a service (a name or a glob). */
  | { type: 'setInterval'; service: string; intervalMs: number | null }
  /** Remove an instance from the list at once (its history stays). */
  | { type: 'forget'; id: string }
  | { type: 'updateSettings'; settings: Partial<UserSettings> }

/** Commands about what one UI is sent are answered by its connection (src/main/ui-commands.ts). */
export type EngineCommand = Exclude<UiCommand, { type: 'requestSnapshot' | 'inspect' }>

export type CommandResult = { ok: true; message?: string } | { ok: false; error: string }

/** What the renderer holds: the same shape whether it talks IPC or WebSocket. */
export interface EngineBridge {
  subscribe(listener: (event: EngineEvent) => void): () => void
  send(command: UiCommand): Promise<CommandResult>
}

/** A command's result, on the headless WebSocket. */
export type WsResult = { type: 'result'; id: number; result: CommandResult }

/**
 * Frames on the headless WebSocket: engine events, their rows packed (packed-rows.ts), and command
 * results one way; commands the other. src/shared/ws-frames.ts writes and reads them.
 */
export type WsServerFrame =
  | { type: 'snapshot'; snapshot: WithPackedRows<Snapshot> }
  | { type: 'delta'; delta: WithPackedRows<Delta> }
  | Extract<EngineEvent, { type: 'view' }>
  | WsResult
export type WithPackedRows<T extends { services: ServiceRow[] }> = Omit<T, 'services'> & {
  services: PackedRows
}
/** What a UI reads off the socket: an engine event, or a command's result. */
export type WsServerMessage = EngineEvent | WsResult
export type WsClientFrame = { type: 'command'; id: number; command: UiCommand }

/** IPC channel names, used by the preload and the Electron shell alike. */
export const IPC_EVENTS = 'heartbeat-tray:event'
export const IPC_COMMAND = 'heartbeat-tray:command'
/** Path of the headless WebSocket that carries EngineEvent frames. */
export const WS_EVENTS_PATH = '/api/events'
