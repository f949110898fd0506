/**
 * The timing of one instance: the interval it is expected to beat at, the thresholds it is judged by,
 * φ of its silence, and what `classify` needs to know of it. All derived on demand from its record, its
 * source and the detection settings; nothing is kept here.
 */
import type { LivenessInput, Thresholds } from './classify'
import { expectedInterval, thresholdsFor, type ExpectedInterval } from './interval'
import { adaptiveThresholds, phiOfSilence } from './phi'
import type { InstanceRecord } from './registry'
import { overrideFor, type DetectionSettings } from './settings'

/** What an instance's timing takes from its source; undefined once the source is removed. */
export interface SourceTiming {
  connected: boolean
  defaultIntervalMs: number | null
  /**
   * The shortest interval that may be learned from this source's gaps. A polled source sees a beat only
   * once per poll, so gaps come in multiples of the poll period; learning an interval near it would make
   * jitter alone look stale.
   */
  minLearnedMs: number
}

export function intervalOf(
  record: InstanceRecord,
  source: SourceTiming | undefined,
  settings: DetectionSettings,
): ExpectedInterval {
  return expectedInterval({
    overrideMs: overrideFor(settings.overrides, record.service),
    declaredMs: record.declaredIntervalMs,
    gapsMs: record.sortedGapsMs,
    sourceDefaultMs: source?.defaultIntervalMs ?? settings.defaultIntervalMs,
    minLearnedMs: source?.minLearnedMs ?? 0,
  })
}

/** In adaptive mode, where φ crosses its thresholds once the instance has enough gaps (phi.ts). */
export function thresholdsOf(
  record: InstanceRecord,
  source: SourceTiming | undefined,
  settings: DetectionSettings,
): Thresholds {
  const intervalMs = intervalOf(record, source, settings).ms
  const adaptive = settings.adaptive ? adaptiveThresholds(record.gapsMs, intervalMs, settings) : null
  return adaptive ?? thresholdsFor(intervalMs, settings)
}

/** φ of the silence since the last heartbeat, in adaptive mode while that silence is what decides. */
export function phiOf(
  record: InstanceRecord,
  source: SourceTiming | undefined,
  settings: DetectionSettings,
  nowMs: number,
): number | null {
  const input = livenessInput(record, source)
  const inGrace = input.graceFromMs !== null && (input.lastSeenMs ?? -Infinity) < input.graceFromMs
  if (!settings.adaptive || input.lastSeenMs === null || inGrace) return null
  if (input.stopped || input.gone || !input.sourceConnected) return null
  const elapsedMs = nowMs - input.lastSeenMs
  return phiOfSilence(record.gapsMs, intervalOf(record, source, settings).ms, elapsedMs, settings)
}

export function livenessInput(record: InstanceRecord, source: SourceTiming | undefined): LivenessInput {
  return {
    lastSeenMs: record.lastSeenMs,
    graceFromMs: record.graceFromMs,
    stopped: record.stopped,
    gone: record.gone,
    sourceConnected: source?.connected ?? false,
  }
}
