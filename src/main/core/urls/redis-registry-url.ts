/**
 * What every polled Redis registry URL shares (`redis+hash://`, `redis+keys://` and their `rediss+…`
 * twins): the connection, TLS for the `rediss+` scheme, `every=` (how often to read) and `interval=`
 * (the instances' expected heartbeat interval, until one is learned).
 */
import { optionalDuration, parseRedisConnection, type Parsed, type RedisConnectionSpec } from './url-parts'

export const POLLING_PARAMS = ['every', 'interval'] as const

export interface RedisPolling {
  connection: RedisConnectionSpec
  pollEveryMs: number
  defaultIntervalMs: number
}

export function parseRedisPolling(
  url: URL,
  defaults: { pollEveryMs: number; intervalMs: number },
): Parsed<RedisPolling> {
  const connection = parseRedisConnection(url, url.protocol.startsWith('rediss+'))
  if (!connection.ok) return connection
  const timing = parsePollTiming(url, defaults)
  if (!timing.ok) return timing
  return { ok: true, value: { connection: connection.value, ...timing.value } }
}

/** `every=` and `interval=` alone, for a URL whose connection is read elsewhere (a cluster's seed list). */
export function parsePollTiming(
  url: URL,
  defaults: { pollEveryMs: number; intervalMs: number },
): Parsed<Omit<RedisPolling, 'connection'>> {
  const every = optionalDuration(url, 'every')
  if (!every.ok) return every
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  const pollEveryMs = every.value ?? defaults.pollEveryMs
  return {
    ok: true,
    value: {
      pollEveryMs,
      // A change is seen at most once per poll: an interval shorter than the poll would look stale.
      defaultIntervalMs: interval.value ?? Math.max(defaults.intervalMs, pollEveryMs),
    },
  }
}
