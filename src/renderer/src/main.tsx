import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { openEngineBridge } from './bridge'
import { showBrowserNotifications } from './browser-notifications'
import { startClock, tickNow } from './clock'
import { syncRouteWithHash } from './hash-sync'
import { useHeartbeatStore } from './store'
import './styles.css'

const FIRST_RENDER_WAIT_MS = 500

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
renderOnFirstSnapshot(rootElement)

/**
 * The first render waits for the engine's first snapshot, or FIRST_RENDER_WAIT_MS if it is slow to
 * come; index.html says "Connecting…" until then. Rendering the empty app first was a render and a
 * layout on the page's main thread while the snapshot was arriving on it, and was at once replaced.
 */
function renderOnFirstSnapshot(container: HTMLElement): void {
  let rendered = false
  const render = (): void => {
    if (rendered) return
    rendered = true
    unsubscribe()
    clearTimeout(timer)
    createRoot(container).render(
      <StrictMode>
        <App />
      </StrictMode>,
    )
  }
  const unsubscribe = useHeartbeatStore.subscribe((state) => {
    if (state.hasSnapshot) render()
  })
  const timer = setTimeout(render, FIRST_RENDER_WAIT_MS)
}
