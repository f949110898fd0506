/** ioredis options from a parsed redis:// or rediss:// URL, shared by every Redis-backed source. */
import { readFileSync } from 'node:fs'
import type { RedisOptions } from 'ioredis'
import type { ConnectionOptions } from 'node:tls'
import type { RedisConnectionSpec, TlsSpec } from '../core/source-url'

/** Exponential backoff with jitter: 250 ms, 500 ms, 1 s, … capped at 10 s. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 250 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}

export function redisOptions(spec: RedisConnectionSpec, connectionName: string): RedisOptions {
  const options: RedisOptions = {
    host: spec.host,
    port: spec.port,
    db: spec.db,
    connectionName,
    retryStrategy: (attempt) => reconnectDelayMs(attempt),
    // Commands must fail fast while disconnected: the source reports health instead of queueing.
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    keepAlive: 10_000,
    lazyConnect: true,
  }
  if (spec.username !== null) options.username = spec.username
  if (spec.password !== null) options.password = spec.password
  if (spec.tls) options.tls = tlsOptions(spec.tls)
  return options
}

/** Node TLS options from a parsed URL's TLS parameters; reads the CA, certificate and key files. */
export function tlsOptions(tls: TlsSpec): ConnectionOptions {
  return {
    rejectUnauthorized: tls.verify,
    ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
    ...(tls.certFile ? { cert: readFileSync(tls.certFile) } : {}),
    ...(tls.keyFile ? { key: readFileSync(tls.keyFile) } : {}),
    ...(tls.servername ? { servername: tls.servername } : {}),
  }
}
