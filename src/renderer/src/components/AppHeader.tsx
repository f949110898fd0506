import { memo } from 'react'
import type { ServiceState, ServiceView } from '../../../shared/model'
import type { ConnectionStatus } from '../bridge'

const COUNTED_STATES: readonly ServiceState[] = ['alive', 'stale', 'dead', 'unknown', 'stopped', 'gone']

const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
}

function countByState(services: readonly ServiceView[]): Record<ServiceState, number> {
  const counts: Record<ServiceState, number> = {
    alive: 0,
    stale: 0,
    dead: 0,
    unknown: 0,
    stopped: 0,
    gone: 0,
  }
  for (const service of services) counts[service.state] += 1
  return counts
}

interface AppHeaderProps {
  services: readonly ServiceView[]
  connection: ConnectionStatus
}

export const AppHeader = memo(function AppHeader({ services, connection }: AppHeaderProps) {
  const counts = countByState(services)
  return (
    <header className="app-header">
      <h1>heartbeat-tray</h1>
      <ul className="state-counts" aria-label="Instances by state">
        {COUNTED_STATES.map((state) => (
          <li
            key={state}
            className="state-count"
            data-testid="state-count"
            data-state={state}
            data-empty={counts[state] === 0}
          >
            <span className="state-count-number">{counts[state]}</span> {state}
          </li>
        ))}
      </ul>
      <span className="connection" role="status" data-testid="connection-status" data-status={connection}>
        {CONNECTION_LABELS[connection]}
      </span>
    </header>
  )
})
