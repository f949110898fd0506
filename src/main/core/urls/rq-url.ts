/**
 * `rq://host:6379/0?every=2s` (`rq+rediss://` with TLS): RQ's worker registry, the set `rq:workers`
 * and each worker's `rq:worker:<name>` hash, read every `every`.
 */
import { parseLiveSetUrl, type LiveSetPolling } from './live-set-url'
import { redactUrl, type Parsed } from './url-parts'

export interface RqSpec extends LiveSetPolling {
  kind: 'rq'
  displayUrl: string
}

/**
 * Used only until a worker's hash TTL says better: RQ's default `worker_ttl` is 420 s, and an idle
 * worker beats every `worker_ttl - 15`.
 */
export const RQ_DEFAULT_BEAT_MS = 405_000

export function parseRqUrl(url: URL): Parsed<RqSpec> {
  const polling = parseLiveSetUrl(url, [], RQ_DEFAULT_BEAT_MS)
  if (!polling.ok) return polling
  return { ok: true, value: { kind: 'rq', displayUrl: redactUrl(url.href), ...polling.value } }
}
