import { useDeferredValue, useMemo } from 'react'
import { buildServiceList, type ServiceList } from '../service-rows'
import { useHeartbeatStore } from '../store'
import { useUiStore } from '../ui-store'

/**
 * The list's rows, rebuilt only when rows move: instances come or go or change state (layoutVersion),
 * the filter or the open groups change, or, sorted by age, any heartbeat lands. A delta that only
 * refreshes ten instances leaves the rows alone and redraws just those ten, if they are in view.
 */
export function useServiceList(): ServiceList {
  const services = useHeartbeatStore((state) => state.services)
  const layoutVersion = useHeartbeatStore((state) => state.layoutVersion)
  const sort = useUiStore((state) => state.sort)
  const ageVersion = useHeartbeatStore((state) => (sort === 'age' ? state.servicesVersion : 0))
  // A string, so a delta that only bumps a source's counters does not count as a new order.
  const sourceOrderKey = useHeartbeatStore((state) => state.sources.map((source) => source.id).join('\n'))
  const states = useUiStore((state) => state.states)
  const text = useDeferredValue(useUiStore((state) => state.text))
  const collapsedSources = useUiStore((state) => state.collapsedSources)
  const collapsedServices = useUiStore((state) => state.collapsedServices)
  const expandedGone = useUiStore((state) => state.expandedGone)

  return useMemo(() => {
    // Read only to say when: the map is patched in place, so the versions are what changes.
    void layoutVersion
    void ageVersion
    return buildServiceList(
      services.values(),
      sourceOrderKey === '' ? [] : sourceOrderKey.split('\n'),
      { states, text, sort },
      { collapsedSources, collapsedServices, expandedGone },
    )
  }, [
    services,
    layoutVersion,
    ageVersion,
    sourceOrderKey,
    states,
    text,
    sort,
    collapsedSources,
    collapsedServices,
    expandedGone,
  ])
}
