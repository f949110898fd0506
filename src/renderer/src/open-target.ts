/**
 * What a notification or a tray click names (NotificationView.target): an instance, a service (a rollup
 * id, `source|service`) or a source. A service opens its worst instance, the one the news is about.
 */
import type { ServiceRow } from '../../shared/model'
import { serviceIdOf } from '../../shared/rollup'
import { severityRank } from './service-order'

export type ResolvedTarget = { kind: 'instance'; id: string } | { kind: 'source'; id: string } | null

export function resolveTarget(
  target: string,
  services: ReadonlyMap<string, ServiceRow>,
  sourceIds: readonly string[],
): ResolvedTarget {
  if (services.has(target)) return { kind: 'instance', id: target }
  if (sourceIds.includes(target)) return { kind: 'source', id: target }
  let worst: ServiceRow | null = null
  for (const instance of services.values()) {
    if (serviceIdOf(instance) !== target) continue
    if (worst === null || severityRank(instance.state) < severityRank(worst.state)) worst = instance
  }
  return worst === null ? null : { kind: 'instance', id: worst.id }
}
