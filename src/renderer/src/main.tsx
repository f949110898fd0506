import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { openEngineBridge } from './bridge'
import { showBrowserNotifications } from './browser-notifications'
import { startClock, tickNow } from './clock'
import { syncRouteWithHash } from './hash-sync'
import { useHeartbeatStore } from './store'
import './styles.css'

// Wired outside React so each lives exactly as long as the page, whatever StrictMode re-runs.
const bridge = openEngineBridge()
const { applyEvent, setConnection } = useHeartbeatStore.getState()
useHeartbeatStore.setState({ send: bridge.send })
bridge.watchStatus(setConnection)
bridge.subscribe((event) => {
  applyEvent(event)
  showBrowserNotifications(event)
  // States changed: ages move to the same instant, so "dead" never shows beside a clock up to 1 s behind.
  if (event.type === 'snapshot' || (event.type === 'delta' && event.delta.transitions.length > 0)) tickNow()
})
startClock()
syncRouteWithHash()

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
