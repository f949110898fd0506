/** Builders of engine views for the renderer's unit tests. */
import type { Delta, ServiceView, SourceView, TransitionView } from '../../../shared/model'

/** An instance from "service|instance", on source redis://x unless said otherwise. */
export function instanceView(key: string, over: Partial<ServiceView> = {}): ServiceView {
  const [service = key, instance = key] = key.split('|')
  const source = over.source ?? 'redis://x'
  return {
    id: `${source}|${service}|${instance}`,
    service,
    instance,
    host: null,
    source,
    state: 'alive',
    since: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-01-01T00:00:00.000Z',
    ageMs: 0,
    expectedIntervalMs: 60_000,
    intervalOrigin: 'default',
    staleAfterMs: 90_000,
    deadAfterMs: 180_000,
    reported: null,
    skewMs: null,
    phi: null,
    heartbeats: 1,
    metrics: {},
    payload: {},
    gapsMs: [],
    replacedBy: null,
    replaces: null,
    muted: null,
    ...over,
  }
}

export function sourceView(id: string, received = 0): SourceView {
  return {
    id,
    url: id,
    kind: 'redis-pubsub',
    state: 'connected',
    since: '2026-01-01T00:00:00.000Z',
    lastError: null,
    received,
    rejected: 0,
    lastRejections: [],
    details: {},
  }
}

export function transitionView(over: Partial<TransitionView> & Pick<TransitionView, 'at'>): TransitionView {
  return {
    id: 'redis://x|a|1',
    service: 'a',
    instance: '1',
    source: 'redis://x',
    from: 'alive',
    to: 'stale',
    reason: '',
    ...over,
  }
}

export function delta(over: Partial<Delta>): Delta {
  return { services: [], removed: [], sources: [], removedSources: [], transitions: [], ...over }
}
