/** A decoded heartbeat for core tests: one instance of one service, with whatever a test changes. */
import type { Heartbeat } from '../heartbeat'

export const beat = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  service: 'tracker_fetcher',
  instance: 'a1',
  host: null,
  sentAtMs: null,
  declaredIntervalMs: null,
  reported: null,
  goodbye: false,
  fields: {},
  beatMarker: null,
  ...over,
})
