/**
 * A Redis hash of records, one field per instance (seed 000's `workers`), polled with HSCAN: HGETALL
 * would block the server for the whole hash at once, and HSCAN pages through 10,000 fields as well as 10.
 */
import type { RedisHashSpec } from '../core/urls/redis-hash-url'
import {
  RedisRegistryPoller,
  SCAN_COUNT,
  type RegistryClient,
  type RegistryReader,
  type RegistrySnapshot,
} from './redis-registry-poller'

export class RedisHashSource extends RedisRegistryPoller {
  constructor(spec: RedisHashSpec) {
    super({
      connection: spec.connection,
      connectionName: 'heartbeat-tray:hash',
      pollEveryMs: spec.pollEveryMs,
      reader: hashReader(spec.key),
    })
  }
}

export function hashReader(key: string): RegistryReader {
  return {
    what: `hash "${key}"`,
    channel: key,
    read: (client) => readHash(client, key),
  }
}

/** Every field of the hash; HSCAN may return a field twice, the map keeps it once. */
async function readHash(client: RegistryClient, key: string): Promise<RegistrySnapshot> {
  const records = new Map<string, string>()
  let cursor = '0'
  do {
    const [next, flat] = await client.hscan(key, cursor, 'COUNT', SCAN_COUNT)
    for (let i = 0; i + 1 < flat.length; i += 2) records.set(flat[i] as string, flat[i + 1] as string)
    cursor = next
  } while (cursor !== '0')
  return { records, details: { fields: records.size } }
}
