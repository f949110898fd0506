import { SERVICE_STATES, type ServiceView } from '../../shared/model'

// Numeric, so "worker-2" sorts before "worker-10".
const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Worst first (SERVICE_STATES is ordered by severity), then service, then instance. */
export function sortBySeverity(services: Iterable<ServiceView>): ServiceView[] {
  return [...services].sort(
    (a, b) =>
      SERVICE_STATES.indexOf(a.state) - SERVICE_STATES.indexOf(b.state) ||
      byName.compare(a.service, b.service) ||
      byName.compare(a.instance, b.instance),
  )
}
