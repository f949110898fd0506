/** The engine over the headless WebSocket, for a plain browser. The engine sends a snapshot on every connect. */
import {
  WS_EVENTS_PATH,
  type CommandResult,
  type EngineEvent,
  type UiCommand,
  type WsClientFrame,
} from '../../../shared/api'
import { parseServerFrame } from '../../../shared/ws-frames'
import type { ConnectionStatus, UiBridge } from './ui-bridge'

const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 5_000
const COMMAND_TIMEOUT_MS = 5_000

/** The events URL on the page's own host, carrying the page's ?token= (needed off loopback). */
export function engineEventsUrl(page: Location): string {
  const scheme = page.protocol === 'https:' ? 'wss' : 'ws'
  const token = new URLSearchParams(page.search).get('token')
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
  return `${scheme}://${page.host}${WS_EVENTS_PATH}${query}`
}

export function createWebSocketBridge(url: string): UiBridge {
  const eventListeners = new Set<(event: EngineEvent) => void>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  const pendingCommands = new Map<number, (result: CommandResult) => void>()
  let status: ConnectionStatus = 'connecting'
  let retryMs = FIRST_RETRY_MS
  let lastCommandId = 0
  let socket = connect()

  function connect(): WebSocket {
    const next = new WebSocket(url)
    next.addEventListener('open', () => setStatus('connected'))
    next.addEventListener('message', (message: MessageEvent<unknown>) => {
      if (typeof message.data === 'string') receive(message.data)
    })
    // 'error' is always followed by 'close', so only 'close' retries.
    next.addEventListener('close', () => {
      for (const id of [...pendingCommands.keys()]) settle(id, { ok: false, error: 'connection lost' })
      setStatus('reconnecting')
      window.setTimeout(() => (socket = connect()), retryMs)
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)
    })
    return next
  }

  function receive(text: string): void {
    const frame = parseServerFrame(text)
    if (frame === null) return
    if (frame.type === 'result') return settle(frame.id, frame.result)
    // Reset only once the engine has spoken, so a socket that opens and drops at once still backs off.
    retryMs = FIRST_RETRY_MS
    for (const listener of eventListeners) listener(frame)
  }

  function setStatus(next: ConnectionStatus): void {
    status = next
    for (const listener of statusListeners) listener(next)
  }

  function settle(id: number, result: CommandResult): void {
    const resolve = pendingCommands.get(id)
    pendingCommands.delete(id)
    resolve?.(result)
  }

  function send(command: UiCommand): Promise<CommandResult> {
    if (socket.readyState !== WebSocket.OPEN) {
      return Promise.resolve({ ok: false, error: 'not connected to the engine' })
    }
    const id = ++lastCommandId
    return new Promise((resolve) => {
      const timer = window.setTimeout(
        () => settle(id, { ok: false, error: `no answer within ${COMMAND_TIMEOUT_MS} ms` }),
        COMMAND_TIMEOUT_MS,
      )
      pendingCommands.set(id, (result) => {
        window.clearTimeout(timer)
        resolve(result)
      })
      const frame: WsClientFrame = { type: 'command', id, command }
      socket.send(JSON.stringify(frame))
    })
  }

  return {
    transport: 'websocket',
    subscribe(listener) {
      eventListeners.add(listener)
      // A listener that arrives after the connect snapshot asks for its own.
      if (status === 'connected') void send({ type: 'requestSnapshot' })
      return () => {
        eventListeners.delete(listener)
      }
    },
    send,
    watchStatus(listener) {
      statusListeners.add(listener)
      listener(status)
      return () => {
        statusListeners.delete(listener)
      }
    },
  }
}
