// A publisher on its own thread: floods seed 001 heartbeats for many services, never more than `window`
// ahead of what the consumer has received (read from shared memory), so Redis never has to cut off a
// subscriber that falls behind (client-output-buffer-limit pubsub) and nothing is lost.
import { parentPort, workerData } from 'node:worker_threads'
import { Redis } from 'ioredis'

const { url, channelPrefix, services, total, window, progress } = workerData
const received = new Int32Array(progress)
const publisher = new Redis(url)
const BATCH = 500

const messages = Array.from({ length: services }, (_, i) => ({
  channel: `${channelPrefix}:heartbeat:service:svc-${i}`,
  body: JSON.stringify({
    service_name: `svc-${i}`,
    instance_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    timestamp: '2025-01-16T08:30:00.123456+00:00',
    uptime_seconds: 3600.5,
    heartbeat_count: 60,
    memory_usage_mb: 156.3,
    cpu_usage_percent: 12.5,
    queue_size: 1380,
    last_successful_operation: '2025-01-16T08:29:45.123456+00:00',
    api_status: 'authenticated',
  }),
}))

let sent = 0
while (sent < total) {
  while (sent - Atomics.load(received, 0) >= window) Atomics.wait(received, 1, 0, 1)
  const pipeline = publisher.pipeline()
  const end = Math.min(total, sent + BATCH)
  for (; sent < end; sent++) {
    const message = messages[sent % services]
    pipeline.publish(message.channel, message.body)
  }
  await pipeline.exec()
}
await publisher.quit()
parentPort.postMessage({ sent })
