/** An engine watching one source, recording every transition with its arrival time. */
import type { TransitionView } from '../../src/shared/model'
import { DEFAULT_DETECTION, type DetectionSettings } from '../../src/main/core/settings'
import { Engine } from '../../src/main/engine'
import { waitFor } from './wait'

export interface RecordedTransition extends TransitionView {
  receivedAtMs: number
}

export interface Harness {
  engine: Engine
  sourceId: string
  transitions: RecordedTransition[]
  stateOf(service: string, instance?: string): string | undefined
  waitForState(service: string, state: string, timeoutMs?: number, instance?: string): Promise<void>
  waitForSource(state: string, timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

export function watch(url: string, detection: Partial<DetectionSettings> = {}): Harness {
  const engine = new Engine({ detection: { ...DEFAULT_DETECTION, ...detection } })
  const transitions: RecordedTransition[] = []
  engine.onTransition((transition) => transitions.push({ ...transition, receivedAtMs: performance.now() }))
  const added = engine.addSource(url)
  if (!added.ok) throw new Error(added.error)
  const stateOf = (service: string, instance = service): string | undefined =>
    engine.services().find((view) => view.service === service && view.instance === instance)?.state
  return {
    engine,
    sourceId: added.id,
    transitions,
    stateOf,
    waitForState: (service, state, timeoutMs = 5_000, instance = service) =>
      waitFor(() => stateOf(service, instance) === state, timeoutMs, `${service}/${instance} to be ${state}`),
    waitForSource: (state, timeoutMs = 5_000) =>
      waitFor(() => engine.sourceViews()[0]?.state === state, timeoutMs, `source to be ${state}`),
    stop: () => engine.stop(),
  }
}
