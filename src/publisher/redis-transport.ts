/**
 * Redis/Valkey pub/sub: PUBLISH each message on `heartbeat:service:{service}` (seed 001), or on the
 * template given as `?channel=`. URL: redis[s]://[user:pass@]host[:port][/db][?channel=…]
 */
import { Redis } from 'ioredis'
import { checkParams, parseRedisConnection, redactUrl, TLS_PARAMS } from '../main/core/urls/url-parts'
import { tlsOptions } from '../main/sources/redis-connection'
import type { Transport } from './transport'

export const DEFAULT_CHANNEL_TEMPLATE = 'heartbeat:service:{service}'
const CONNECT_TIMEOUT_MS = 2_000
// A hung server must not hold the publisher's one in-flight send for long.
const COMMAND_TIMEOUT_MS = 5_000
const MAX_RECONNECT_DELAY_MS = 2_000

export function createRedisTransport(url: URL): Transport {
  const params = checkParams(url, ['channel', ...TLS_PARAMS])
  if (!params.ok) throw new Error(params.error)
  const connection = parseRedisConnection(url, url.protocol === 'rediss:')
  if (!connection.ok) throw new Error(connection.error)
  const channelTemplate = url.searchParams.get('channel') || DEFAULT_CHANNEL_TEMPLATE
  const { host, port, db, username, password, tls } = connection.value

  const client = new Redis({
    host,
    port,
    db,
    username: username ?? undefined,
    password: password ?? undefined,
    tls: tls ? tlsOptions(tls) : undefined,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Fail fast while disconnected: a queued heartbeat delivered late says nothing true.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  })
  let lastConnectionError: Error | null = null
  // Without a listener ioredis prints every reconnect failure; we report them through send() instead.
  client.on('error', (error: Error) => (lastConnectionError = error))
  client.on('ready', () => (lastConnectionError = null))
  const description = redactUrl(url.href)

  return {
    description,
    async send(service, body) {
      try {
        if (client.status === 'wait') await client.connect()
        await client.publish(channelTemplate.replaceAll('{service}', service), body)
      } catch (error) {
        const reason = lastConnectionError?.message ?? (error as Error).message
        throw new Error(`redis ${description}: ${reason}`, { cause: error })
      }
    },
    async close() {
      if (client.status === 'ready') {
        await client.quit().catch(() => client.disconnect())
      } else {
        client.disconnect()
      }
    },
  }
}
