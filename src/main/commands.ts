/** Every command from a UI is untrusted input: narrowed here, field by field, before anything runs. */
import type { UiCommand } from '../shared/api'

export type ParsedCommand = { ok: true; command: UiCommand } | { ok: false; error: string }

const MAX_TEXT = 4_096

export function parseUiCommand(input: unknown): ParsedCommand {
  if (!isObject(input)) return { ok: false, error: 'command must be an object' }
  const fail = (error: string): ParsedCommand => ({ ok: false, error: `${String(input.type)}: ${error}` })
  switch (input.type) {
    case 'requestSnapshot':
      return { ok: true, command: { type: 'requestSnapshot' } }
    case 'inspect':
      if (input.id !== null && !isText(input.id)) return fail('id must be a non-empty string, or null')
      return { ok: true, command: { type: 'inspect', id: input.id } }
    case 'addSource':
    case 'testSource':
      if (!isText(input.url)) return fail('url must be a non-empty string')
      return { ok: true, command: { type: input.type, url: input.url.trim() } }
    case 'removeSource':
    case 'forget':
      if (!isText(input.id)) return fail('id must be a non-empty string')
      return { ok: true, command: { type: input.type, id: input.id } }
    case 'mute':
      if (!isText(input.target)) return fail('target must be a non-empty string')
      if (input.untilMs !== null && !isTime(input.untilMs))
        return fail('untilMs must be a time in ms, or null')
      return { ok: true, command: { type: 'mute', target: input.target, untilMs: input.untilMs } }
    case 'unmute':
      if (!isText(input.target)) return fail('target must be a non-empty string')
      return { ok: true, command: { type: 'unmute', target: input.target } }
    case 'snooze':
      if (input.untilMs !== null && !isTime(input.untilMs))
        return fail('untilMs must be a time in ms, or null')
      return { ok: true, command: { type: 'snooze', untilMs: input.untilMs } }
    case 'setInterval':
      if (!isText(input.service)) return fail('service must be a non-empty string')
      if (
        input.intervalMs !== null &&
        !(
          typeof input.intervalMs === 'number' &&
          input.intervalMs >= 100 &&
          input.intervalMs <= 7 * 86_400_000
        )
      ) {
        return fail('intervalMs must be from 100 ms to a week, or null')
      }
      return {
        ok: true,
        command: { type: 'setInterval', service: input.service.trim(), intervalMs: input.intervalMs },
      }
    case 'updateSettings':
      if (!isObject(input.settings)) return fail('settings must be an object')
      return { ok: true, command: { type: 'updateSettings', settings: input.settings } }
    default:
      return { ok: false, error: `unknown command type: ${String(input.type)}` }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_TEXT
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
}
