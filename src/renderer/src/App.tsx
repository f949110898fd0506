import { AppHeader } from './components/AppHeader'
import { ServicesView } from './components/ServicesView'
import { SettingsView } from './components/settings/SettingsView'
import { SourcesView } from './components/sources/SourcesView'
import { useGlobalKeys } from './hooks/use-global-keys'
import { useTheme } from './hooks/use-theme'
import { useHeartbeatStore } from './store'
import { useUiStore } from './ui-store'
import { useBrowserNotifications } from './browser-notifications'

export function App() {
  const tab = useUiStore((state) => state.tab)
  const hasSnapshot = useHeartbeatStore((state) => state.hasSnapshot)
  const connection = useHeartbeatStore((state) => state.connection)
  useTheme()
  useBrowserNotifications()
  useGlobalKeys()

  return (
    <div className="app">
      <AppHeader />
      {hasSnapshot && connection === 'reconnecting' && (
        <p className="banner" role="alert">
          Lost the engine; showing the last known state until it is back.
        </p>
      )}
      <main className="app-main" data-tab={tab}>
        {tab === 'services' && <ServicesView />}
        {tab === 'sources' && <SourcesView />}
        {tab === 'settings' && <SettingsView />}
      </main>
    </div>
  )
}
