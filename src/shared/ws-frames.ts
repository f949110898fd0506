/**
 * The headless WebSocket's frames (WsServerFrame in api.ts): engine events with their rows packed
 * (packed-rows.ts) on the way out, and narrowed from untrusted text on the way in.
 */
import type { EngineEvent, WsServerFrame, WsServerMessage } from './api'
import { packRows, unpackRows } from './packed-rows'

export function wsFrameOf(event: EngineEvent): WsServerFrame {
  switch (event.type) {
    case 'snapshot':
      return {
        type: 'snapshot',
        snapshot: { ...event.snapshot, services: packRows(event.snapshot.services) },
      }
    case 'delta':
      return { type: 'delta', delta: { ...event.delta, services: packRows(event.delta.services) } }
    case 'view':
      return event
  }
}

const EVENT_ARRAYS = {
  snapshot: ['sources', 'history'],
  delta: ['removed', 'sources', 'removedSources', 'transitions'],
} as const

/** Checks the frame's outline, enough that applying it cannot throw; the engine is trusted for the rest. */
export function parseServerFrame(text: string): WsServerMessage | null {
  let frame: unknown
  try {
    frame = JSON.parse(text)
  } catch {
    return null
  }
  if (!isRecord(frame)) return null
  switch (frame.type) {
    case 'snapshot':
    case 'delta': {
      const body = frame[frame.type]
      if (!isRecord(body) || !EVENT_ARRAYS[frame.type].every((key) => Array.isArray(body[key]))) return null
      const services = unpackRows(body.services)
      if (services === null) return null
      return frame.type === 'snapshot'
        ? ({ type: 'snapshot', snapshot: { ...body, services } } as WsServerMessage)
        : ({ type: 'delta', delta: { ...body, services } } as WsServerMessage)
    }
    case 'view':
      return isRecord(frame.view) && typeof frame.view.id === 'string' ? (frame as WsServerMessage) : null
    case 'result':
      return typeof frame.id === 'number' && isRecord(frame.result) ? (frame as WsServerMessage) : null
    default:
      return null
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
