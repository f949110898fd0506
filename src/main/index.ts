/** The Electron shell: a window onto the engine. Thin: every decision is made in the engine and core. */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain } from 'electron'
import { IPC_COMMAND, IPC_EVENTS, parseUiCommand, type CommandResult } from '../shared/api'
import { BridgeHub } from './bridge-hub'
import { parseAppArgs } from './cli-args'
import { defaultConfig } from './core/config'
import { Engine } from './engine'
import { loadConfigFile } from './store/config-file'

function startEngine(): Engine {
  const parsed = parseAppArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.env)
  if (!parsed.ok) console.error(`heartbeat-tray: ${parsed.error}`)
  const args = parsed.ok ? parsed.args : null
  const loaded = loadConfigFile(args?.configPath ?? null)
  if (!loaded.ok) console.error(`heartbeat-tray: ${loaded.error}`)
  const config = loaded.ok ? loaded.config : defaultConfig()
  const engine = new Engine({ detection: config.detection, log: (line) => console.log(line) })
  for (const url of [...config.sources, ...(args?.sources ?? [])]) {
    const added = engine.addSource(url)
    if (!added.ok) console.error(`heartbeat-tray: ${added.error}`)
  }
  return engine
}

function createWindow(hub: BridgeHub): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    show: false,
    title: 'heartbeat-tray',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  let disconnect: (() => void) | null = null
  window.webContents.on('did-finish-load', () => {
    disconnect?.()
    disconnect = hub.connect((event) => window.webContents.send(IPC_EVENTS, event))
  })
  window.on('closed', () => disconnect?.())
  window.once('ready-to-show', () => window.show())
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
  return window
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void app.whenReady().then(() => {
    const engine = startEngine()
    const hub = new BridgeHub(engine)
    let window = createWindow(hub)
    ipcMain.handle(IPC_COMMAND, (event, input: unknown): CommandResult => {
      if (event.sender !== window.webContents) return { ok: false, error: 'unknown sender' }
      const parsed = parseUiCommand(input)
      if (!parsed.ok) return parsed
      hub.resend((engineEvent) => window.webContents.send(IPC_EVENTS, engineEvent))
      return { ok: true }
    })
    app.on('second-instance', () => {
      if (window.isDestroyed()) window = createWindow(hub)
      window.show()
      window.focus()
    })
    app.on('activate', () => {
      if (window.isDestroyed()) window = createWindow(hub)
    })
    app.on('before-quit', () => {
      hub.close()
      void engine.stop()
    })
  })
}
