import { useMemo } from 'react'
import { AppHeader } from './components/AppHeader'
import { ServiceTable } from './components/ServiceTable'
import { SourceList } from './components/SourceList'
import { WaitingForHeartbeats } from './components/WaitingForHeartbeats'
import { sortBySeverity } from './service-order'
import { useHeartbeatStore } from './store'
import { useNowMs } from './use-now'

const AGE_REFRESH_MS = 1_000

export function App() {
  const services = useHeartbeatStore((state) => state.services)
  const sources = useHeartbeatStore((state) => state.sources)
  const hasSnapshot = useHeartbeatStore((state) => state.hasSnapshot)
  const connection = useHeartbeatStore((state) => state.connection)
  const nowMs = useNowMs(AGE_REFRESH_MS)
  const sortedServices = useMemo(() => sortBySeverity(Object.values(services)), [services])

  return (
    <div className="app">
      <AppHeader services={sortedServices} connection={connection} />
      <main className="app-main">
        {hasSnapshot && connection === 'reconnecting' && (
          <p className="banner" role="alert">
            Lost the engine; showing the last known state until it is back.
          </p>
        )}
        <section className="panel" aria-labelledby="services-title">
          <h2 id="services-title">Instances</h2>
          {sortedServices.length === 0 ? (
            <WaitingForHeartbeats sources={sources} />
          ) : (
            <ServiceTable services={sortedServices} nowMs={nowMs} />
          )}
        </section>
        <SourceList sources={sources} />
      </main>
    </div>
  )
}
