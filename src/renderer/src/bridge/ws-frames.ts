/** The headless WebSocket's frames (WsServerFrame in api.ts), narrowed from untrusted text. */
import type { WsServerFrame } from '../../../shared/api'

const EVENT_ARRAYS = {
  snapshot: ['services', 'sources', 'history'],
  delta: ['services', 'removed', 'sources', 'removedSources', 'transitions'],
} as const

/** Checks the frame's outline, enough that applying it cannot throw; the engine is trusted for the rest. */
export function parseServerFrame(text: string): WsServerFrame | null {
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
      const wellFormed = isRecord(body) && EVENT_ARRAYS[frame.type].every((key) => Array.isArray(body[key]))
      return wellFormed ? (frame as WsServerFrame) : null
    }
    case 'view':
      return isRecord(frame.view) && typeof frame.view.id === 'string' ? (frame as WsServerFrame) : null
    case 'result':
      return typeof frame.id === 'number' && isRecord(frame.result) ? (frame as WsServerFrame) : null
    default:
      return null
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
