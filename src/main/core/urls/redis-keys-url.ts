/**
 * `redis+keys://host:6379/0?profile=pipeline-heartbeat&every=5s` and `rediss+keys://` with TLS: plain
 * string keys that a system keeps per component. The profile says which keys and how to read them.
 */
import { parseRedisPolling, POLLING_PARAMS } from './redis-registry-url'
import { checkParams, redactUrl, TLS_PARAMS, type Parsed, type RedisConnectionSpec } from './url-parts'

/** `pipeline-heartbeat`: seed 002's subscriber's `service:{name}:{ok|not_ok}` and `queue:…` keys. */
export const KEY_PROFILES = ['pipeline-heartbeat'] as const
export type KeyProfile = (typeof KEY_PROFILES)[number]

export interface RedisKeysSpec {
  kind: 'redis-keys'
  displayUrl: string
  connection: RedisConnectionSpec
  profile: KeyProfile
  pollEveryMs: number
  defaultIntervalMs: number
}

const DEFAULT_POLL_EVERY_MS = 5_000
/** Seed 002's publisher beats every PUBLISH_INTERVAL, 60 s by default. */
const SEED002_INTERVAL_MS = 60_000

export function parseRedisKeysUrl(url: URL): Parsed<RedisKeysSpec> {
  const params = checkParams(url, ['profile', ...POLLING_PARAMS, ...TLS_PARAMS])
  if (!params.ok) return params
  const profile = url.searchParams.get('profile')
  if (!isKeyProfile(profile)) {
    const known = KEY_PROFILES.join(', ')
    return {
      ok: false,
      error:
        profile === null || profile === ''
          ? `profile= is required (known: ${known}), in ${redactUrl(url.href)}`
          : `unknown profile "${profile}" (known: ${known})`,
    }
  }
  const polling = parseRedisPolling(url, {
    pollEveryMs: DEFAULT_POLL_EVERY_MS,
    intervalMs: SEED002_INTERVAL_MS,
  })
  if (!polling.ok) return polling
  return {
    ok: true,
    value: { kind: 'redis-keys', displayUrl: redactUrl(url.href), profile, ...polling.value },
  }
}

function isKeyProfile(text: string | null): text is KeyProfile {
  return (KEY_PROFILES as readonly (string | null)[]).includes(text)
}
