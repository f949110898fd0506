/**
 * Plain Redis string keys that a system keeps per component (seed 002's subscriber: `service:{name}:ok`
 * and the like), polled with SCAN + MGET, never KEYS, which blocks the server on a large database.
 * Which keys, and how they make records, is the profile's business (core/decode).
 */
import type { Redis } from 'ioredis'
import { groupPipelineKeys, PIPELINE_KEY_PATTERNS, type GroupedKeys } from '../core/decode/pipeline-keys'
import type { KeyProfile, RedisKeysSpec } from '../core/urls/redis-keys-url'
import {
  RedisRegistryPoller,
  SCAN_COUNT,
  singleServer,
  type RegistryReader,
  type RegistrySnapshot,
} from './redis-registry-poller'

interface ProfileKeys {
  patterns: readonly string[]
  group(entries: Iterable<readonly [string, string]>): GroupedKeys
}

const PROFILES: Record<KeyProfile, ProfileKeys> = {
  'pipeline-heartbeat': { patterns: PIPELINE_KEY_PATTERNS, group: groupPipelineKeys },
}

export class RedisKeysSource extends RedisRegistryPoller {
  constructor(spec: RedisKeysSpec) {
    super({
      connection: spec.connection,
      connectionName: 'heartbeat-tray:keys',
      pollEveryMs: spec.pollEveryMs,
      reader: keysReader(spec.profile),
    })
  }
}

export function keysReader(profile: KeyProfile): RegistryReader {
  const keys = PROFILES[profile]
  return {
    what: `keys ${keys.patterns.join(', ')}`,
    channel: profile,
    read: (client) => readKeys(singleServer(client), keys),
  }
}

async function readKeys(client: Redis, profile: ProfileKeys): Promise<RegistrySnapshot> {
  const values = new Map<string, string>()
  for (const pattern of profile.patterns) {
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT)
      for (let start = 0; start < keys.length; start += SCAN_COUNT) {
        const batch = keys.slice(start, start + SCAN_COUNT)
        const read = await client.mget(...batch)
        // Null: deleted since the SCAN, or not a string key; either way not a record.
        batch.forEach((key, i) => {
          const value = read[i]
          if (value !== null && value !== undefined) values.set(key, value)
        })
      }
      cursor = next
    } while (cursor !== '0')
  }
  const grouped = profile.group(values)
  return {
    records: grouped.components,
    details: { keys: values.size, components: grouped.components.size, ignoredKeys: grouped.ignoredKeys },
  }
}
