/**
 * Where a publisher's messages go. One file per transport; this one picks by the URL's scheme.
 */
import { createHttpTransport } from './http-transport'
import { createRedisTransport } from './redis-transport'

export interface Transport {
  /** The destination, safe to print: no password, no token. */
  readonly description: string
  /** Sends one message body for `service`; rejects with a readable Error when it was not delivered. */
  send(service: string, body: string): Promise<void>
  /** Releases connections; the transport is unusable afterwards. */
  close(): Promise<void>
}

const SCHEMES = ['redis', 'rediss', 'push', 'http', 'https']

/** Throws an Error saying what is wrong when the URL is not one we can publish to. */
export function createTransport(urlText: string): Transport {
  let url: URL
  try {
    url = new URL(urlText.trim())
  } catch {
    throw new Error(
      `not a URL: "${urlText}" (expected e.g. redis://127.0.0.1:6379/0 or push://127.0.0.1:7475)`,
    )
  }
  switch (url.protocol) {
    case 'redis:':
    case 'rediss:':
      return createRedisTransport(url)
    case 'push:':
    case 'http:':
    case 'https:':
      return createHttpTransport(url)
    default:
      throw new Error(`cannot publish to "${url.protocol}" URLs (supported: ${SCHEMES.join(', ')})`)
  }
}
