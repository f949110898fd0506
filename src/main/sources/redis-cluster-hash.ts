/**
 * Seed 000's workers hash held in a Redis or Valkey cluster: the `redis+hash://` poll (HSCAN of one key,
 * see redis-hash.ts) through ioredis `Cluster`, which sends every command for that key to the node owning
 * its slot and follows MOVED/ASK when the slot moves.
 *
 * No PING probe as the cluster pub/sub source has: every poll is a command on the key's node, so a dead
 * node fails the read (or times it out) and the source reports `disconnected` by itself.
 */
import { Cluster } from 'ioredis'
import type { RedisClusterHashSpec } from '../core/urls/redis-cluster-url'
import { clusterOptions } from './redis-cluster-pubsub'
import { hashReader } from './redis-hash'
import { COMMAND_TIMEOUT_MS, RedisRegistryPoller } from './redis-registry-poller'

export class RedisClusterHashSource extends RedisRegistryPoller {
  constructor(spec: RedisClusterHashSpec) {
    super({
      createClient: () =>
        new Cluster(
          spec.seedNodes,
          clusterOptions(spec, {
            connectionName: 'heartbeat-tray:cluster-hash',
            commandTimeout: COMMAND_TIMEOUT_MS,
          }),
        ),
      pollEveryMs: spec.pollEveryMs,
      reader: hashReader(spec.key),
    })
  }
}
