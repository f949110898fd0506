/**
 * Issue 5: a stall of our own event loop is our silence, not the services'. The test blocks its own
 * event loop (the engine's) while real publishers in other processes keep publishing over real Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { performance } from 'node:perf_hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { watch } from './support/engine-harness'
import { uniqueName } from './support/wait'

const REDIS = 'redis://127.0.0.1:6379/0'
/** Seed 001 heartbeats every 200 ms (declared, so stale after 300 ms and dead after 600 ms). */
const PUBLISHER = `
const { Redis } = require('ioredis')
const [url, channel, service] = process.argv.slice(1)
const redis = new Redis(url)
const beat = () => redis.publish(channel, JSON.stringify({
  service_name: service, instance_id: service, interval_seconds: 0.2,
  timestamp: new Date().toISOString().replace('Z', '+00:00'),
}))
beat()
setInterval(beat, 200)
`

const children: ChildProcess[] = []
const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await Promise.all(children.splice(0).map((child) => stop(child)))
})

function publish(prefix: string, service: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-e', PUBLISHER, REDIS, `${prefix}:heartbeat:service:${service}`, service],
    {
      cwd: process.cwd(),
      stdio: 'ignore',
    },
  )
  children.push(child)
  return child
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGKILL')
  await once(child, 'exit')
}

function blockEventLoop(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // Busy: no timer, no socket read, nothing else runs.
  }
}

describe('stall guard', () => {
  it('raises no stale or dead for deadlines that fall inside an event-loop stall, then detects as usual', async () => {
    const prefix = uniqueName('hbstall')
    const harness = watch(`${REDIS}?pattern=${prefix}:heartbeat:service:*`)
    cleanups.push(() => harness.stop())
    await harness.waitForSource('connected')
    const steady = ['steady-a', 'steady-b'].map((service) => publish(prefix, service))
    const doomed = publish(prefix, 'doomed')
    for (const service of ['steady-a', 'steady-b', 'doomed']) await harness.waitForState(service, 'alive')
    await new Promise((resolve) => setTimeout(resolve, 500))
    const before = harness.transitions.length

    blockEventLoop(2_500)
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    // Their heartbeats waited in our socket through the stall, and are read before any deadline is judged.
    expect(harness.transitions.slice(before)).toEqual([])

    await stop(doomed)
    const killedAtMs = performance.now()
    await harness.waitForState('doomed', 'stale', 3_000)
    await harness.waitForState('doomed', 'dead', 3_000)
    const doomedAfter = harness.transitions.filter(
      (t) => t.service === 'doomed' && t.receivedAtMs >= killedAtMs,
    )
    expect(doomedAfter.map((t) => t.to)).toEqual(['stale', 'dead'])
    // Dead within its deadline (600 ms after its last beat) and a margin for the last beat in flight.
    expect((doomedAfter[1]?.receivedAtMs ?? Infinity) - killedAtMs).toBeLessThan(1_500)
    expect(harness.stateOf('steady-a')).toBe('alive')
    await Promise.all(steady.map((child) => stop(child)))
  }, 20_000)

  it('gives an instance that fell silent just before a stall grace, then stale and dead on their deadlines', async () => {
    const prefix = uniqueName('hbstall')
    const harness = watch(`${REDIS}?pattern=${prefix}:heartbeat:service:*`)
    cleanups.push(() => harness.stop())
    await harness.waitForSource('connected')
    const steady = publish(prefix, 'steady')
    const doomed = publish(prefix, 'doomed')
    for (const service of ['steady', 'doomed']) await harness.waitForState(service, 'alive')
    await new Promise((resolve) => setTimeout(resolve, 500))
    // Its last beat came within 200 ms: its stale (300 ms) and dead (600 ms) deadlines fall in the stall.
    await stop(doomed)
    const before = harness.transitions.length

    blockEventLoop(2_500)
    await harness.waitForState('doomed', 'dead', 3_000)

    const after = harness.transitions.slice(before)
    expect(after.filter((t) => t.service === 'steady')).toEqual([])
    // The guard ran: grace first, as after a reconnect, rather than a stale and a dead at once.
    expect(after.map((t) => t.to)).toEqual(['unknown', 'stale', 'dead'])
    expect(after[0]?.reason).toMatch(/event loop stalled \d+ ms/)
    const [graced, stale, dead] = after.map((t) => t.receivedAtMs) as [number, number, number]
    expect(stale - graced).toBeGreaterThanOrEqual(300 - 1)
    expect(dead - graced).toBeGreaterThanOrEqual(600 - 1)
    expect(harness.stateOf('steady')).toBe('alive')
    await stop(steady)
  }, 20_000)
})
