/** The heartbeat publisher: a library for Node services, demos, tests and benches, and its CLI. */
export {
  DEFAULT_INTERVAL_MS,
  HeartbeatPublisher,
  PublishError,
  type HeartbeatPublisherOptions,
} from './heartbeat-publisher'
export type { DataCollector } from './data-collectors'
export {
  buildSeed001Message,
  formatPythonIsoUtc,
  GOODBYE_STATUS,
  SEED001_RESERVED_KEYS,
  type Seed001Inputs,
  type Seed001Message,
} from './seed001-message'
export { createTransport, type Transport } from './transport'
export { createRedisTransport, DEFAULT_CHANNEL_TEMPLATE } from './redis-transport'
export { createHttpTransport } from './http-transport'
export { runPublishCommand, type PublishCommandIo } from './cli'
export { parsePublishFlags, PUBLISH_USAGE, type PublishFlags } from './cli-flags'
