/** Types shared by the engine and every UI. Plain data only: no runtime dependencies. */

/** Liveness of one instance, as DESIGN.md defines it. */
export type ServiceState = 'alive' | 'stale' | 'dead' | 'stopped' | 'gone' | 'unknown'

export const SERVICE_STATES: readonly ServiceState[] = [
  'dead',
  'stale',
  'unknown',
  'alive',
  'stopped',
  'gone',
]

/** Where the expected interval of an instance came from, first found wins. */
export type IntervalOrigin = 'config' | 'declared' | 'learned' | 'default'

export type SourceState = 'connecting' | 'connected' | 'disconnected' | 'stopped'

/** The few numbers worth a glance in a row, picked out of whatever a payload carries. */
export interface KeyMetrics {
  cpuPercent?: number
  memoryMb?: number
  /** The one-minute load average. */
  load?: number
}

/**
 * One instance as a list, the tray and a rollup see it: what places, filters, counts and draws its row.
 * Snapshots and deltas carry rows; the rest of an instance (its payload, gap history, timing) goes only
 * to a UI that inspects it, as a ServiceView.
 */
export interface ServiceRow {
  /** Stable key: source id, service and instance. */
  id: string
  service: string
  instance: string
  host: string | null
  source: string
  state: ServiceState
  /** Wall-clock ISO time of the last state change. */
  since: string
  /** Wall-clock ISO time of the last heartbeat received, or null if none since start. */
  lastSeen: string | null
  expectedIntervalMs: number
  intervalOrigin: IntervalOrigin
  /** Health the payload itself reports ("ok", "not_responding", ...), which is not liveness. */
  reported: string | null
  heartbeats: number
  metrics: KeyMetrics
  /** For a `gone` instance: the id of the instance that replaced it (a restart under a new id). */
  replacedBy: string | null
  /** Notifications about it are silenced: until a time, or (`until: null`) until it recovers. */
  muted: { until: string | null } | null
  /** Set while it changes state too often to alert on (issue 5); it notifies again once it settles. */
  flapping?: boolean
}

/** One instance whole, as `GET /api/services` and a UI's detail pane see it. */
export interface ServiceView extends ServiceRow {
  ageMs: number | null
  staleAfterMs: number
  deadAfterMs: number
  /** Publisher clock minus ours at arrival, when the payload carries a timestamp. Shown, never trusted. */
  skewMs: number | null
  /** φ of the current silence in adaptive mode (issue 5), or null when φ does not decide. */
  phi: number | null
  /** The last decoded payload, for display. */
  payload: Record<string, unknown>
  /** The last inter-arrival gaps, oldest first (for the sparkline). */
  gapsMs: number[]
  /** The id of the instance this one replaced, if any. */
  replaces: string | null
}

/** A service with its instances rolled up (`GET /api/services?group=service`). */
export interface ServiceRollup {
  /** Source id and service name. */
  id: string
  service: string
  source: string
  /** The worst state among its live instances (alive, stale, dead, unknown); `stopped` or `gone` if none is live. */
  state: ServiceState
  counts: Record<ServiceState, number>
  /** "2 of 3 alive, 1 dead" */
  summary: string
  instances: string[]
}

export interface RejectionView {
  at: string
  reason: string
  /** The first bytes of what was rejected, for display. */
  sample: string
}

export interface SourceView {
  id: string
  /** The URL with any password replaced by ***. */
  url: string
  kind: string
  state: SourceState
  since: string
  lastError: string | null
  received: number
  rejected: number
  lastRejections: RejectionView[]
  /** Facts about the source itself (queue depth by status, oldest queued task age, …), if it has any. */
  details: Record<string, string | number | null>
  /**
   * Set while the mass-silence guard holds (issue 5): most of its instances fell silent at once while
   * its connection looked up, so one "degraded" alert stands for their dead ones.
   */
  degraded?: { since: string; reason: string } | null
}

export interface TransitionView {
  id: string
  service: string
  instance: string
  source: string
  from: ServiceState
  to: ServiceState
  at: string
  /** Why, in words ("no heartbeat for 91 s", "source disconnected"). */
  reason: string
}

/** What the user can set; one schema, defaults in src/main/core/user-settings.ts. */
export interface UserSettings {
  defaultIntervalMs: number
  staleFactor: number
  deadFactor: number
  /** Per service name or glob. */
  intervalOverrides: { service: string; intervalMs: number }[]
  notifyStale: boolean
  notifyDead: boolean
  notifyRecovered: boolean
  /** Remind while still dead every this many minutes; 0 is off. */
  reminderMinutes: number
  sound: boolean
  launchAtLogin: boolean
  theme: 'system' | 'light' | 'dark'
  /** How long a `gone` instance stays listed; 0 keeps it. */
  goneRetentionMs: number
  /** φ accrual detection (issue 5) instead of the fixed factors, once an instance has enough gaps. */
  adaptive: boolean
}

/**
 * A notification the alert policy decided on (src/main/core/alert-policy.ts). The Electron shell shows
 * it natively; a browser on headless mode shows it with the Notification API. Same decision, one place.
 */
export interface NotificationView {
  id: string
  kind: 'stale' | 'dead' | 'recovered' | 'source' | 'summary' | 'reminder' | 'flapping' | 'degraded'
  title: string
  body: string
  /** The instance, service (rollup id) or source to open when it is clicked, or null. */
  target: string | null
  at: string
  /** Play a sound with it (the user's setting). */
  sound: boolean
}

/** Notifications are silenced for everything until this time, or null. */
export interface AlertState {
  snoozedUntil: string | null
}

export interface Snapshot {
  services: ServiceRow[]
  sources: SourceView[]
  history: TransitionView[]
  settings: UserSettings
  alerts: AlertState
}

/** What changed since the last delta; sent at most every 250 ms. */
export interface Delta {
  services: ServiceRow[]
  removed: string[]
  sources: SourceView[]
  /** Ids of sources no longer watched. */
  removedSources: string[]
  /** Present when the settings changed. */
  settings?: UserSettings
  alerts?: AlertState
  /** Notifications decided since the last delta, for a browser UI to show. */
  notifications?: NotificationView[]
  transitions: TransitionView[]
}
