/**
 * `sidekiq://host:6379/0?every=2s&namespace=…` (`sidekiq+rediss://` with TLS): Sidekiq's process
 * registry, the set `processes` and each identity's hash, read every `every`. `namespace=` is the
 * redis-namespace prefix some deployments use (`myapp` reads `myapp:processes`).
 */
import { parseLiveSetUrl, type LiveSetPolling } from './live-set-url'
import { redactUrl, type Parsed } from './url-parts'

export interface SidekiqSpec extends LiveSetPolling {
  kind: 'sidekiq'
  displayUrl: string
  /** Prepended with `:` to every key; empty: none. */
  namespace: string
}

/** Used only until a process's hash is read: Sidekiq 7 beats every 10 s (6.x every 5 s). */
export const SIDEKIQ_DEFAULT_BEAT_MS = 10_000

export function parseSidekiqUrl(url: URL): Parsed<SidekiqSpec> {
  const polling = parseLiveSetUrl(url, ['namespace'], SIDEKIQ_DEFAULT_BEAT_MS)
  if (!polling.ok) return polling
  const namespace = url.searchParams.get('namespace') ?? ''
  return {
    ok: true,
    value: { kind: 'sidekiq', displayUrl: redactUrl(url.href), namespace, ...polling.value },
  }
}

/** The key Sidekiq writes under a namespace: `ns:processes`, or the bare key without one. */
export function sidekiqKey(namespace: string, key: string): string {
  return namespace === '' ? key : `${namespace}:${key}`
}
