/** What the user can tune about detection; one schema, defaults in one place. */
import { DEFAULT_MULTIPLIERS, type Multipliers } from './interval'
import { DEFAULT_PHI, type PhiSettings } from './phi'

export interface IntervalOverride {
  /** A service name, or a glob with `*` ("billing-*"). */
  service: string
  intervalMs: number
}

export interface DetectionSettings extends Multipliers, PhiSettings {
  /** φ accrual detection (issue 5): stale and dead where φ crosses phiStale and phiDead, once there are
   * enough gaps; the fixed multipliers otherwise. */
  adaptive: boolean
  /** Used when nothing else tells an instance's interval (seed 001: 60 s). */
  defaultIntervalMs: number
  overrides: IntervalOverride[]
  /** Beyond this many instances new ids are refused and counted; existing ones keep working. */
  maxInstances: number
  /** How long a `gone` instance stays listed before it is purged (it stays in the history); 0 keeps it. */
  goneRetentionMs: number
}

export const DEFAULT_DETECTION: DetectionSettings = {
  ...DEFAULT_MULTIPLIERS,
  ...DEFAULT_PHI,
  adaptive: false,
  defaultIntervalMs: 60_000,
  overrides: [],
  maxInstances: 100_000,
  goneRetentionMs: 24 * 3_600_000,
}

/** Finds the override for a service: an exact name wins over a glob, the first glob wins among globs. */
export function overrideFor(overrides: readonly IntervalOverride[], service: string): number | null {
  let globMatch: number | null = null
  for (const override of overrides) {
    if (override.service === service) return override.intervalMs
    if (
      globMatch === null &&
      override.service.includes('*') &&
      globToRegExp(override.service).test(service)
    ) {
      globMatch = override.intervalMs
    }
  }
  return globMatch
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')
  return new RegExp(`^${escaped}$`)
}
