/**
 * The live sets of the job queues people already run, as RedisLiveSetSource layouts: where each keeps
 * its workers, and how its clean stop shows (rq/worker.py `register_death`, sidekiq/launcher.rb
 * `clear_heartbeat`).
 */
import { rqLeftCleanly } from '../core/decode/rq-worker'
import { sidekiqLeftCleanly } from '../core/decode/sidekiq-process'
import type { RqSpec } from '../core/urls/rq-url'
import { sidekiqKey, type SidekiqSpec } from '../core/urls/sidekiq-url'
import { RedisLiveSetSource } from './redis-live-set'

/** rq/worker_registration.py: `REDIS_WORKER_KEYS`; its members are the workers' hash keys. */
const RQ_WORKERS_SET = 'rq:workers'
const SIDEKIQ_PROCESSES_SET = 'processes'

export function rqWorkersSource(spec: RqSpec): RedisLiveSetSource {
  return new RedisLiveSetSource({
    connection: spec.connection,
    connectionName: 'heartbeat-tray:rq',
    pollEveryMs: spec.pollEveryMs,
    layout: {
      setKey: RQ_WORKERS_SET,
      hashKeyOf: (member) => member,
      readTtl: true,
      leftCleanly: rqLeftCleanly,
    },
  })
}

export function sidekiqProcessesSource(spec: SidekiqSpec): RedisLiveSetSource {
  return new RedisLiveSetSource({
    connection: spec.connection,
    connectionName: 'heartbeat-tray:sidekiq',
    pollEveryMs: spec.pollEveryMs,
    layout: {
      setKey: sidekiqKey(spec.namespace, SIDEKIQ_PROCESSES_SET),
      hashKeyOf: (identity) => sidekiqKey(spec.namespace, identity),
      readTtl: false,
      leftCleanly: sidekiqLeftCleanly,
    },
  })
}
