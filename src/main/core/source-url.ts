/**
 * Sources are URLs (DESIGN.md): one string configures one source. This picks the parser for the URL's
 * scheme, which checks it or says exactly what is wrong. Passwords are kept for connecting and never
 * appear in `displayUrl`. Each kind of source has its parser in urls/ and one line in SCHEMES.
 */
import { parseRedisPubSubUrl, type RedisPubSubSpec } from './urls/redis-pubsub-url'
import { redactUrl, type Parsed } from './urls/url-parts'

export { SEED001_PATTERNS, type RedisPubSubSpec } from './urls/redis-pubsub-url'
export { redactUrl, type RedisConnectionSpec, type TlsSpec } from './urls/url-parts'

export type SourceSpec = RedisPubSubSpec

export type SpecResult = { ok: true; spec: SourceSpec } | { ok: false; error: string }

const SCHEMES: Record<string, (url: URL) => Parsed<SourceSpec>> = {
  redis: parseRedisPubSubUrl,
  rediss: parseRedisPubSubUrl,
}

export function parseSourceUrl(text: string): SpecResult {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { ok: false, error: `not a URL: ${redactUrl(text)}` }
  }
  const scheme = url.protocol.replace(/:$/, '')
  const parse = Object.hasOwn(SCHEMES, scheme) ? SCHEMES[scheme] : undefined
  if (!parse) {
    return {
      ok: false,
      error: `unsupported source scheme "${scheme}:" (supported: ${Object.keys(SCHEMES).join(', ')})`,
    }
  }
  const parsed = parse(url)
  return parsed.ok ? { ok: true, spec: parsed.value } : parsed
}
