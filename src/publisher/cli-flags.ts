/** The flags of `heartbeat-tray publish`, checked: either everything needed, or one line saying what is wrong. */
import { parseDurationMs } from '../main/core/duration'
import { DEFAULT_INTERVAL_MS } from './heartbeat-publisher'
import { GOODBYE_STATUS, SEED001_RESERVED_KEYS } from './seed001-message'

export const PUBLISH_USAGE =
  'usage: heartbeat-tray publish --to URL --service NAME [--instance ID] [--interval 60s] [--count N] ' +
  '[--field key=value ...] [--verbose]'

export interface PublishFlags {
  to: string
  service: string
  instanceId: string | undefined
  intervalMs: number
  /** Heartbeats to send before stopping; null: until SIGINT/SIGTERM. */
  count: number | null
  fields: Record<string, unknown>
  verbose: boolean
}

export type PublishFlagsResult =
  { ok: true; help: false; flags: PublishFlags } | { ok: true; help: true } | { ok: false; error: string }

const VALUE_FLAGS = new Set(['--to', '--service', '--instance', '--interval', '--count', '--field'])

export function parsePublishFlags(argv: readonly string[]): PublishFlagsResult {
  const values = new Map<string, string>()
  const fields: Record<string, unknown> = {}
  let verbose = false
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] as string
    if (arg === '--help' || arg === '-h') return { ok: true, help: true }
    if (arg === '--verbose' || arg === '-v') {
      verbose = true
      continue
    }
    const [name, inlineValue] =
      arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined]
    if (!VALUE_FLAGS.has(name))
      return fail(arg.startsWith('-') ? `unknown flag ${name}` : `unexpected argument "${arg}"`)
    const value = inlineValue ?? argv[index + 1]
    if (value === undefined || (inlineValue === undefined && value.startsWith('--')))
      return fail(`${name} needs a value`)
    if (inlineValue === undefined) index += 1
    if (name === '--field') {
      const field = parseField(value)
      if (typeof field === 'string') return fail(field)
      fields[field.key] = field.value
    } else if (values.has(name)) {
      return fail(`${name} given twice`)
    } else {
      values.set(name, value)
    }
  }

  const to = values.get('--to')
  const service = values.get('--service')?.trim()
  if (!to) return fail('missing --to URL (e.g. --to redis://127.0.0.1:6379/0)')
  if (!service) return fail('missing --service NAME')
  const intervalText = values.get('--interval')
  const intervalMs = intervalText === undefined ? DEFAULT_INTERVAL_MS : parseDurationMs(intervalText)
  if (intervalMs === null)
    return fail(`--interval must be a duration like 1s or 500ms, got "${intervalText}"`)
  const countText = values.get('--count')
  const count = countText === undefined ? null : Number(countText)
  if (count !== null && (!/^\d+$/.test(countText as string) || count < 1 || !Number.isSafeInteger(count))) {
    return fail(`--count must be a whole number of at least 1, got "${countText}"`)
  }
  const instanceId = values.get('--instance')?.trim() || undefined
  return { ok: true, help: false, flags: { to, service, instanceId, intervalMs, count, fields, verbose } }
}

/** `key=value`; the value is a number, true, false or null when it reads exactly as one, else a string. */
function parseField(text: string): { key: string; value: unknown } | string {
  if (!text.includes('=')) return `--field needs key=value, got "${text}"`
  const [rawKey, raw] = splitOnce(text, '=')
  const key = rawKey.trim()
  if (key === '') return `--field needs a key before "=", got "${text}"`
  if (SEED001_RESERVED_KEYS.includes(key)) return `--field ${key} is written by the publisher itself`
  if (key === 'status' && raw === GOODBYE_STATUS)
    return `--field status=${GOODBYE_STATUS} is reserved for the goodbye`
  return { key, value: literal(raw) }
}

function literal(raw: string): unknown {
  if (raw === 'true') return true
  if (raw === 'false') return false
  if (raw === 'null') return null
  const number = Number(raw)
  return raw.trim() !== '' && Number.isFinite(number) && String(number) === raw ? number : raw
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator)
  return [text.slice(0, at), text.slice(at + separator.length)]
}

function fail(error: string): PublishFlagsResult {
  return { ok: false, error }
}
