import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { openEngineBridge } from './bridge'
import { useHeartbeatStore } from './store'
import './styles.css'

// Wired outside React so the link lives exactly as long as the page, whatever StrictMode re-runs.
const bridge = openEngineBridge()
const { applyEvent, setConnection } = useHeartbeatStore.getState()
bridge.watchStatus(setConnection)
bridge.subscribe(applyEvent)

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root element')
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
