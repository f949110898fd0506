/**
 * What the job-queue registry URLs share (`rq://`, `sidekiq://` and their `+rediss` TLS twins): the
 * Redis connection, `every=` (how often the live set is read) and `interval=` (the expected interval
 * until a record declares one).
 */
import { checkParams, optionalDuration, parseRedisConnection, TLS_PARAMS, type Parsed } from './url-parts'
import type { RedisConnectionSpec } from './url-parts'

export interface LiveSetPolling {
  connection: RedisConnectionSpec
  pollEveryMs: number
  defaultIntervalMs: number
}

/** Often enough to see a 5 s beat (Sidekiq 6, `rq worker --worker-ttl 20`) well before 1.5 × of it. */
export const DEFAULT_LIVE_SET_POLL_MS = 2_000

export function parseLiveSetUrl(
  url: URL,
  extraParams: readonly string[],
  defaultIntervalMs: number,
): Parsed<LiveSetPolling> {
  const params = checkParams(url, ['every', 'interval', ...extraParams, ...TLS_PARAMS])
  if (!params.ok) return params
  const connection = parseRedisConnection(url, url.protocol.endsWith('+rediss:'))
  if (!connection.ok) return connection
  const every = optionalDuration(url, 'every')
  if (!every.ok) return every
  const interval = optionalDuration(url, 'interval')
  if (!interval.ok) return interval
  const pollEveryMs = every.value ?? DEFAULT_LIVE_SET_POLL_MS
  return {
    ok: true,
    value: {
      connection: connection.value,
      pollEveryMs,
      // A change is seen at most once per poll: an interval shorter than the poll would look stale.
      defaultIntervalMs: interval.value ?? Math.max(defaultIntervalMs, pollEveryMs),
    },
  }
}
