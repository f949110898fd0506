/** The Electron shell: a window onto the engine. Thin: every decision is made in the controller and core. */
import { join } from 'node:path'
import { app, BrowserWindow, ipcMain } from 'electron'
import { IPC_COMMAND, IPC_EVENTS, type CommandResult } from '../shared/api'
import { BridgeHub } from './bridge-hub'
import { parseAppArgs } from './cli-args'
import { parseUiCommand } from './commands'
import { Controller } from './controller'
import { defaultConfig, startupConfig } from './core/config'
import { loadConfigFile } from './store/config-file'
import { DataDir } from './store/data-dir'

function startController(): Controller {
  const parsed = parseAppArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.env)
  if (!parsed.ok) console.error(`heartbeat-tray: ${parsed.error}`)
  const args = parsed.ok ? parsed.args : null
  const dataDir = new DataDir(args?.dataDir ?? app.getPath('userData'), (message) =>
    console.error(`heartbeat-tray: ${message}`),
  )
  const given = loadConfigFile(args?.configPath ?? null)
  if (!given.ok) console.error(`heartbeat-tray: ${given.error}`)
  const base = dataDir.loadConfig() ?? (given.ok ? given.config : defaultConfig())
  const controller = new Controller({
    config: startupConfig(base, args?.sources ?? []),
    mutes: dataDir.loadMutes(),
    log: (line) => console.log(line),
    onConfigChanged: (config) => dataDir.saveConfig(config),
    onMutesChanged: (mutes) => dataDir.saveMutes(mutes),
  })
  for (const error of controller.start()) console.error(`heartbeat-tray: ${error}`)
  return controller
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
    const controller = startController()
    const hub = new BridgeHub(controller)
    let window = createWindow(hub)
    ipcMain.handle(IPC_COMMAND, async (event, input: unknown): Promise<CommandResult> => {
      if (event.sender !== window.webContents) return { ok: false, error: 'unknown sender' }
      const parsed = parseUiCommand(input)
      if (!parsed.ok) return parsed
      if (parsed.command.type === 'requestSnapshot') {
        hub.resend((engineEvent) => window.webContents.send(IPC_EVENTS, engineEvent))
      }
      return controller.run(parsed.command)
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
      void controller.stop()
    })
  })
}
