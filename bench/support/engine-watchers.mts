/**
 * The detect bench's watchers built from the app's own code: the engine alone, and the engine as the app
 * runs it. Each records every transition it emits, timed on performance.now().
 */
import { performance } from 'node:perf_hooks'
import { BridgeHub } from '../../src/main/bridge-hub'
import { defaultConfig } from '../../src/main/core/config'
import { DEFAULT_DETECTION } from '../../src/main/core/settings'
import { Controller } from '../../src/main/controller'
import { Engine } from '../../src/main/engine'
import type { ObservedTransition } from './detect-score.mts'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'

export type RecordTransition = (transition: ObservedTransition) => void

export interface Watcher {
  received(): number
  /** performance.now() of the last heartbeat taken from each service. */
  lastArrivals(): Map<string, number>
  stop(): Promise<void>
}

/** The engine alone: source, decode, registry, detector. */
export async function engineWatcher(pattern: string, record: RecordTransition): Promise<Watcher> {
  const engine = new Engine({ detection: DEFAULT_DETECTION })
  engine.onTransition((view) => record({ service: view.service, to: view.to, atMs: performance.now() }))
  const added = engine.addSource(`${REDIS_URL}?pattern=${encodeURIComponent(pattern)}`)
  if (!added.ok) throw new Error(added.error)
  await until(() => engine.sourceViews()[0]?.state === 'connected', 'the engine to connect')
  return {
    received: () => engine.sourceViews()[0]?.received ?? 0,
    lastArrivals: () => arrivalsOf(engine),
    stop: () => engine.stop(),
  }
}

/** The engine as the app runs it: with its alert policy, and one UI taking batched deltas. */
export async function appWatcher(pattern: string, record: RecordTransition): Promise<Watcher> {
  const config = { ...defaultConfig(), sources: [`${REDIS_URL}?pattern=${encodeURIComponent(pattern)}`] }
  const controller = new Controller({ config })
  controller.engine.onTransition((view) =>
    record({ service: view.service, to: view.to, atMs: performance.now() }),
  )
  const errors = controller.start()
  if (errors.length > 0) throw new Error(errors.join('; '))
  // A delta at most every 250 ms, serialized as the UI's WebSocket sends it.
  const hub = new BridgeHub(controller)
  let uiBytes = 0
  const connection = hub.connect((event) => void (uiBytes += JSON.stringify(event).length))
  await until(() => controller.sourceViews()[0]?.state === 'connected', 'the engine to connect')
  return {
    received: () => controller.sourceViews()[0]?.received ?? 0,
    lastArrivals: () => arrivalsOf(controller.engine),
    stop: async () => {
      connection.close()
      hub.close()
      await controller.stop()
      if (uiBytes === 0) throw new Error('the UI got nothing')
    },
  }
}

/** Each view's age (whole ms) is taken at one instant just after `beforeMs`: arrival = that - age. */
function arrivalsOf(engine: Engine): Map<string, number> {
  const beforeMs = performance.now()
  const arrivals = new Map<string, number>()
  for (const view of engine.services())
    if (view.ageMs !== null) arrivals.set(view.service, beforeMs - view.ageMs)
  return arrivals
}

export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = performance.now()
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
