/** Seed 001 heartbeats (HeartbeatPublisher on Redis pub/sub), published the way its services do. */
import type { Redis } from 'ioredis'

export function seed001Message(
  service: string,
  instance: string,
  intervalSeconds: number,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    service_name: service,
    instance_id: instance,
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    interval_seconds: intervalSeconds,
    uptime_seconds: 3600.5,
    memory_usage_mb: 156.3,
    cpu_usage_percent: 12.5,
    ...extra,
  })
}

/** A publisher on one unique channel prefix, as `<prefix>:heartbeat:service:<service>`. */
export function seed001Publisher(redis: Redis, prefix: string) {
  return {
    pattern: `redis://127.0.0.1:6379/0?pattern=${prefix}:heartbeat:service:*`,
    beat(service: string, instance: string, intervalSeconds: number, extra: Record<string, unknown> = {}) {
      return redis.publish(
        `${prefix}:heartbeat:service:${service}`,
        seed001Message(service, instance, intervalSeconds, extra),
      )
    },
  }
}

export function uniquePrefix(name: string): string {
  return `e2e-${name}-${process.pid}-${Date.now().toString(36)}`
}
