/**
 * After the system sleeps, silence was ours: every instance gets one stale interval of grace, as after
 * a reconnect (issue 5). The monotonic clock does not run during sleep, so only the OS can tell us.
 */
import { powerMonitor } from 'electron'
import type { Engine } from '../engine'

export function graceOnResume(engine: Engine): () => void {
  const resumed = (): void => engine.graceAll('the system resumed from sleep')
  powerMonitor.on('resume', resumed)
  return () => {
    powerMonitor.removeListener('resume', resumed)
  }
}
