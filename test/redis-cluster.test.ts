/** The Redis cluster sources (pub/sub, seed 000's hash) against a real 3-node cluster this file starts and kills. */
import { randomUUID } from 'node:crypto'
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Cluster, Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { watch, type Harness } from './support/engine-harness'
import { freePort } from './support/redis-server'
import { Seed000Manager } from './support/seed000-manager'
import { uniqueName, waitFor } from './support/wait'

const run = promisify(execFile)

interface ClusterNode {
  port: number
  process: ChildProcess | null
}

const directory = mkdtempSync(join(tmpdir(), 'hb-cluster-'))
const nodes: ClusterNode[] = []

function startNode(node: ClusterNode): void {
  node.process = spawn(
    'redis-server',
    [
      '--port', String(node.port),
      '--bind', '127.0.0.1',
      '--cluster-enabled', 'yes',
      '--cluster-config-file', join(directory, `nodes-${node.port}.conf`),
      '--cluster-node-timeout', '2000',
      '--save', '',
      '--appendonly', 'no',
      '--dir', directory,
    ], // prettier-ignore
    { stdio: 'ignore' },
  )
}

async function stopNode(node: ClusterNode): Promise<void> {
  const running = node.process
  node.process = null
  if (!running || running.exitCode !== null) return
  await new Promise<void>((resolve) => {
    running.once('exit', () => resolve())
    running.kill('SIGKILL')
  })
}

async function clusterInfo(port: number): Promise<string> {
  try {
    const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info'])
    return stdout
  } catch {
    return ''
  }
}

async function waitForClusterOk(ports: number[]): Promise<void> {
  for (const port of ports) {
    await waitFor(async () => (await clusterInfo(port)).includes('cluster_state:ok'), 15_000, `${port} ok`)
  }
}

/** The node holding our subscription: the one listing a client with a pattern subscription. */
async function subscriberNode(): Promise<ClusterNode> {
  let found: ClusterNode | undefined
  await waitFor(
    async () => {
      for (const node of nodes.filter((n) => n.process)) {
        const { stdout } = await run('redis-cli', ['-p', String(node.port), 'client', 'list'])
        if (/ psub=[1-9]/.test(stdout)) found = node
      }
      return found !== undefined
    },
    5_000,
    'the subscription node',
  )
  return found as ClusterNode
}

beforeAll(async () => {
  for (let i = 0; i < 3; i++) nodes.push({ port: await freePort(), process: null })
  nodes.forEach(startNode)
  await waitFor(
    async () => (await Promise.all(nodes.map((n) => clusterInfo(n.port)))).every((i) => i !== ''),
    10_000,
  )
  await run('redis-cli', [
    '--cluster', 'create',
    ...nodes.map((n) => `127.0.0.1:${n.port}`),
    '--cluster-replicas', '0',
    '--cluster-yes',
  ]) // prettier-ignore
  await waitForClusterOk(nodes.map((n) => n.port))
}, 30_000)

afterAll(async () => {
  await Promise.all(nodes.map(stopNode))
  rmSync(directory, { recursive: true, force: true })
})

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function seed001(service: string, instance: string, intervalSeconds: number): string {
  return JSON.stringify({
    service_name: service,
    instance_id: instance,
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    interval_seconds: intervalSeconds,
  })
}

function clusterUrl(prefix: string): string {
  const hosts = nodes.map((n) => `127.0.0.1:${n.port}`).join(',')
  return `redis+cluster://${hosts}?pattern=${prefix}:heartbeat:service:*`
}

/** A plain client on one node: the cluster bus carries its PUBLISH to every other node. */
async function publishVia(node: ClusterNode, channel: string, message: string): Promise<void> {
  const client = new Redis({ port: node.port, host: '127.0.0.1', maxRetriesPerRequest: 1 })
  client.on('error', () => undefined)
  try {
    await client.publish(channel, message)
  } finally {
    client.disconnect()
  }
}

function setup(): { prefix: string; harness: Harness } {
  const prefix = uniqueName('hbcluster')
  const harness = watch(clusterUrl(prefix))
  cleanups.push(() => harness.stop())
  return { prefix, harness }
}

describe('Redis cluster pub/sub source', () => {
  it('hears a heartbeat published on any node, then goes stale and dead in silence', async () => {
    const { prefix, harness } = setup()
    await harness.waitForSource('connected', 10_000)
    for (const [index, node] of nodes.entries()) {
      const service = `geo${index}`
      await publishVia(node, `${prefix}:heartbeat:service:${service}`, seed001(service, 'i1', 0.3))
      await harness.waitForState(service, 'alive', 5_000, 'i1')
    }
    await harness.waitForState('geo0', 'dead', 5_000, 'i1')
    const states = harness.transitions.filter((t) => t.service === 'geo0').map((t) => t.to)
    expect(states).toEqual(['alive', 'stale', 'dead'])
  })

  it('moves its subscription to a surviving node when its node dies, and reconnects after a full outage', async () => {
    const { prefix, harness } = setup()
    const channel = `${prefix}:heartbeat:service:tracker`
    await harness.waitForSource('connected', 10_000)

    // ioredis re-subscribes on another node by itself; the Cluster as a whole stays ready, so the
    // source stays connected and the next heartbeat through a survivor arrives.
    const victim = await subscriberNode()
    await stopNode(victim)
    const survivor = nodes.find((n) => n.process) as ClusterNode
    await waitFor(
      async () => {
        await publishVia(survivor, channel, seed001('tracker', 't1', 2))
        return harness.stateOf('tracker', 't1') === 'alive'
      },
      10_000,
      'a heartbeat through a surviving node',
    )
    expect(harness.engine.sourceViews()[0]?.state).toBe('connected')

    // Every node down: disconnected with the error, services unknown rather than dead.
    await Promise.all(nodes.map(stopNode))
    await harness.waitForSource('disconnected', 10_000)
    expect(harness.engine.sourceViews()[0]?.lastError).toBeTruthy()
    await harness.waitForState('tracker', 'unknown', 5_000, 't1')

    nodes.forEach(startNode) // each node reloads its nodes-<port>.conf: the same cluster comes back
    await waitForClusterOk(nodes.map((n) => n.port))
    await harness.waitForSource('connected', 15_000)
    await waitFor(
      async () => {
        await publishVia(nodes[0] as ClusterNode, channel, seed001('tracker', 't1', 2))
        return harness.stateOf('tracker', 't1') === 'alive'
      },
      10_000,
      'a heartbeat after the restart',
    )
    expect(harness.transitions.some((t) => t.to === 'dead')).toBe(false)
  }, 30_000)
})

describe('Redis cluster hash source (seed 000 workers)', () => {
  it('reads the workers hash through the cluster: alive while beating, stale then dead when frozen, gone when removed', async () => {
    const key = uniqueName('hbclusterhash')
    const cluster = new Cluster(
      nodes.map((n) => ({ host: '127.0.0.1', port: n.port })),
      { redisOptions: { maxRetriesPerRequest: 1 } },
    )
    cluster.on('error', () => undefined)
    cleanups.push(async () => {
      await cluster.del(key).catch(() => undefined)
      cluster.disconnect()
    })
    const hosts = nodes.map((n) => `127.0.0.1:${n.port}`).join(',')
    // Polls every 100 ms; instances expected every 300 ms: stale after 450 ms, dead after 900 ms.
    const harness = watch(`redis+cluster+hash://${hosts}?key=${key}&every=100ms&interval=300ms`)
    cleanups.push(() => harness.stop())
    await harness.waitForSource('connected', 10_000)

    const manager = new Seed000Manager(cluster, key)
    const frozen = {
      worker_id: randomUUID(),
      worker_name: uniqueName('worker'),
      host: '10.0.0.7',
      port: 8001,
    }
    const removed = { ...frozen, worker_id: randomUUID(), worker_name: uniqueName('worker') }
    await manager.register(frozen, 'connected')
    await manager.register(removed, 'connected')
    for (let beat = 0; beat < 2; beat++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      await manager.heartbeat(frozen.worker_id)
      await manager.heartbeat(removed.worker_id)
    }
    await harness.waitForState(frozen.worker_name, 'alive', 5_000, frozen.worker_id)
    await harness.waitForState(removed.worker_name, 'alive', 5_000, removed.worker_id)
    const heartbeatsOf = (instance: string): number | undefined =>
      harness.engine.services().find((view) => view.instance === instance)?.heartbeats
    // registered + two frames: each new last_heartbeat is one heartbeat
    await waitFor(() => heartbeatsOf(frozen.worker_id) === 3, 5_000, 'three heartbeats')

    await cluster.hdel(key, removed.worker_id)
    await harness.waitForState(removed.worker_name, 'gone', 5_000, removed.worker_id)
    await harness.waitForState(frozen.worker_name, 'dead', 5_000, frozen.worker_id)
    const statesOf = (instance: string): string[] =>
      harness.transitions.filter((t) => t.instance === instance).map((t) => t.to)
    expect(statesOf(frozen.worker_id)).toEqual(['alive', 'stale', 'dead'])
    expect(statesOf(removed.worker_id)).toEqual(['alive', 'gone'])
  })
})
