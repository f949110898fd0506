import { useMemo } from 'react'
import type { ServiceState } from '../../../shared/model'
import type { ConnectionStatus } from '../bridge'
import type { Tab } from '../route'
import { severityRank } from '../service-order'
import { useHeartbeatStore } from '../store'
import { ui, useUiStore } from '../ui-store'
import { SnoozeControl } from './SnoozeControl'
import { StateDot } from './StateBadge'

const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
}

const TABS: { tab: Tab; label: string }[] = [
  { tab: 'services', label: 'Services' },
  { tab: 'sources', label: 'Sources' },
  { tab: 'settings', label: 'Settings' },
]

/** What the tray icon would say: the worst state of any instance still expected to beat. */
function useOverallState(): ServiceState | 'none' {
  const services = useHeartbeatStore((state) => state.services)
  const layoutVersion = useHeartbeatStore((state) => state.layoutVersion)
  return useMemo(() => {
    void layoutVersion
    let worst: ServiceState | 'none' = 'none'
    for (const service of services.values()) {
      if (service.state === 'gone' || service.state === 'stopped') continue
      if (worst === 'none' || severityRank(service.state) < severityRank(worst)) worst = service.state
    }
    return worst
  }, [services, layoutVersion])
}

export function AppHeader() {
  const connection = useHeartbeatStore((state) => state.connection)
  const tab = useUiStore((state) => state.tab)
  const brokenSources = useHeartbeatStore(
    (state) => state.sources.filter((source) => source.state === 'disconnected').length,
  )
  const overall = useOverallState()

  return (
    <header className="app-header">
      <div className="brand">
        <StateDot state={overall === 'none' ? 'unknown' : overall} label={`Overall: ${overall}`} />
        <h1>heartbeat-tray</h1>
      </div>
      <nav className="tabs" aria-label="Views">
        {TABS.map(({ tab: target, label }) => (
          <button
            key={target}
            type="button"
            className="tab"
            aria-current={tab === target ? 'page' : undefined}
            data-testid={`tab-${target}`}
            onClick={() => ui.showTab(target)}
          >
            {label}
            {target === 'sources' && brokenSources > 0 && (
              <span className="tab-alert" title={`${brokenSources} disconnected`}>
                {brokenSources}
              </span>
            )}
          </button>
        ))}
      </nav>
      <div className="header-end">
        <SnoozeControl />
        <span className="connection" role="status" data-testid="connection-status" data-status={connection}>
          {CONNECTION_LABELS[connection]}
        </span>
      </div>
    </header>
  )
}
