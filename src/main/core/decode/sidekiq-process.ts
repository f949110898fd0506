/**
 * Sidekiq's process registry: the set `processes` of identities (`host:pid:hex`) and, per identity, the
 * hash its heartbeat thread rewrites every beat: `info` (JSON: hostname, started_at, pid, tag,
 * concurrency, queues, labels, identity; `version` from Sidekiq 7), `busy`, `beat` (epoch seconds),
 * `rss`, `rtt_us`, `quiet`. The hash expires 60 s after the last beat.
 *
 * Identity (issue 8): service = `tag` (`-g`, Rails apps default to the app's directory) or, when empty,
 * the hostname; instance = the identity, new at every start; host = the hostname.
 * A clean stop removes the identity from `processes` at once and leaves the hash to expire; a killed
 * process stays in the set, its `beat` frozen, until the hash expires and a pruner drops it.
 */
import { accept, MAX_NAME_LENGTH, reject, type DecodeResult } from '../heartbeat'
import { numberField, parseJsonField, parseLiveSetRecord } from './live-set-record'
import { typeName } from './json-object'

/** Sidekiq 6.x `Launcher::BEAT_PAUSE` (Debian bookworm ships 6.4.1). */
export const SIDEKIQ6_BEAT_MS = 5_000
/** Sidekiq 7 `Launcher::BEAT_PAUSE`; its `info` carries `version`, 6.x's does not. */
export const SIDEKIQ7_BEAT_MS = 10_000

export function decodeSidekiqProcess(raw: string): DecodeResult {
  const parsed = parseLiveSetRecord(raw)
  if (!parsed.ok) return reject(parsed.reason)
  const { key: identity, hash } = parsed.record

  const info = parseJsonField(hash, 'info')
  if (!info.ok) return reject(`${identity}: ${info.reason}`)
  const beat = hash.beat
  if (beat === undefined) return reject(`${identity}: missing beat`)
  const beatSeconds = numberField(hash, 'beat')
  if (beatSeconds === null) return reject(`${identity}: beat must be epoch seconds, got "${beat}"`)

  const { hostname, tag, concurrency, version } = info.object
  for (const [name, value] of [
    ['hostname', hostname],
    ['tag', tag],
    ['version', version],
  ] as const) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return reject(`${identity}: info.${name} must be a string, got ${typeName(value)}`)
    }
  }
  const host = typeof hostname === 'string' && hostname.trim() !== '' ? hostname.trim() : null
  const service = typeof tag === 'string' && tag.trim() !== '' ? tag.trim() : (host ?? identity)
  if (service.length > MAX_NAME_LENGTH) return reject(`${identity}: tag longer than ${MAX_NAME_LENGTH}`)

  return accept({
    service,
    instance: identity,
    host,
    sentAtMs: beatSeconds * 1000,
    declaredIntervalMs:
      typeof version === 'string' && majorVersion(version) >= 7 ? SIDEKIQ7_BEAT_MS : SIDEKIQ6_BEAT_MS,
    reported: reportedOf(hash, concurrency),
    goodbye: false,
    fields: { ...hash, info: info.object },
    beatMarker: beat,
  })
}

/** `quiet` (TSTP'd, or shutting down), else how busy: `busy 2/10`. */
function reportedOf(hash: Record<string, string>, concurrency: unknown): string | null {
  if (hash.quiet === 'true') return 'quiet'
  const busy = numberField(hash, 'busy')
  if (busy === null) return null
  return typeof concurrency === 'number' ? `busy ${busy}/${concurrency}` : `busy ${busy}`
}

function majorVersion(version: string): number {
  const major = Number.parseInt(version, 10)
  return Number.isFinite(major) ? major : 0
}

/**
 * An identity that left `processes` with its hash still there was removed by Sidekiq's own clean stop
 * (`clear_heartbeat`); with the hash gone it expired first, and a pruner dropped it.
 */
export function sidekiqLeftCleanly(hash: Record<string, string> | null): boolean {
  return hash !== null
}
