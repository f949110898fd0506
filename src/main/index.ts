/**
 * The Electron shell: the engine in the tray, with a window and native notifications. Thin: decisions
 * are made in the controller and core; src/main/electron/ hands them to Electron.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, ipcMain, nativeImage, nativeTheme } from 'electron'
import { IPC_COMMAND, type CommandResult } from '../shared/api'
import type { NotificationView } from '../shared/model'
import { routeHashFor } from '../shared/open-route'
import { BridgeHub } from './bridge-hub'
import { parseAppArgs } from './cli-args'
import { parseUiCommand } from './commands'
import { Controller } from './controller'
import { favourSmallHeap } from './heap-policy'
import { startDemo } from '../publisher/demo'
import { DEFAULT_SOURCE, defaultConfig, startupConfig, type AppConfig } from './core/config'
import { localClock, snoozeUntilMs } from '../shared/snooze-choices'
import { applyLaunchAtLogin, HIDDEN_FLAG, startedAtLogin } from './electron/launch-at-login'
import { MainWindow } from './electron/main-window'
import { Notifier } from './electron/notifier'
import { graceOnResume } from './electron/power'
import { hardenSessions, isTrustedSender, sandboxEveryRenderer } from './electron/security'
import { installTestHooks } from './electron/test-hooks'
import { AppTray, systemUtcOffset } from './electron/tray'
import { loadConfigFile } from './store/config-file'
import { DataDir } from './store/data-dir'
import { safeStorageSecrets } from './electron/safe-storage-secrets'
import { StateKeeper } from './store/state-keeper'
import { runUiCommand } from './ui-commands'

favourSmallHeap()
const warn = (message: string): void => console.error(`heartbeat-tray: ${message}`)
const argv = process.argv.slice(app.isPackaged ? 1 : 2)
const RESOURCES = join(app.getAppPath(), 'resources')
const RENDERER_URL = process.env.ELECTRON_RENDERER_URL ?? null
const RENDERER_FILE = join(__dirname, '../renderer/index.html')

function startController(): {
  controller: Controller
  dataDir: DataDir
  unconfigured: boolean
  demo: boolean
} {
  const parsed = parseAppArgs(
    argv.filter((arg) => arg !== HIDDEN_FLAG),
    process.env,
  )
  if (!parsed.ok) warn(parsed.error)
  const args = parsed.ok ? parsed.args : null
  const folder = args?.dataDir ?? app.getPath('userData')
  // Passwords and tokens stay out of config.json, encrypted with the OS keychain (safeStorage).
  const dataDir = new DataDir(folder, warn, safeStorageSecrets(folder, warn))
  const given = loadConfigFile(args?.configPath ?? null)
  if (!given.ok) warn(given.error)
  const saved = dataDir.loadConfig()
  const open = (urls: readonly string[]): string[] => urls.map((url) => dataDir.secrets.open(url))
  const givenConfig = given.ok ? given.config : defaultConfig()
  const base = saved ?? { ...givenConfig, sources: open(givenConfig.sources) }
  const unconfigured =
    saved === null && (args?.configPath ?? null) === null && (args?.sources.length ?? 0) === 0
  let applied: AppConfig['app'] | null = null
  const applyAppSettings = (config: AppConfig): void => {
    nativeTheme.themeSource = config.app.theme
    if (config.app.launchAtLogin !== applied?.launchAtLogin)
      applyLaunchAtLogin(config.app.launchAtLogin, warn)
    applied = { ...config.app }
  }
  const controller = new Controller({
    config: startupConfig(base, open(args?.sources ?? [])),
    mutes: dataDir.loadMutes(),
    log: (line) => console.log(line),
    onConfigChanged: (config) => {
      dataDir.saveConfig(config)
      applyAppSettings(config)
    },
    onMutesChanged: (mutes) => dataDir.saveMutes(mutes),
  })
  applyAppSettings(controller.currentConfig)
  for (const error of controller.start()) warn(error)
  return { controller, dataDir, unconfigured, demo: args?.demo ?? true }
}

function isOwnPage(url: string): boolean {
  const page = url.split('#')[0] as string
  return RENDERER_URL ? page.startsWith(RENDERER_URL) : page === pathToFileURL(RENDERER_FILE).href
}

sandboxEveryRenderer()
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void app.whenReady().then(() => {
    // Windows shows notifications only for an app with an id (electron-builder's appId when packaged).
    if (process.platform === 'win32') app.setAppUserModelId('heartbeat-tray')
    hardenSessions(RENDERER_URL)
    const { controller, dataDir, unconfigured, demo: demoWanted } = startController()
    // First run with nothing configured: demo services on the built-in endpoint show every state.
    const demo =
      unconfigured && demoWanted ? startDemo({ to: DEFAULT_SOURCE, log: (line) => console.log(line) }) : null
    const keeper = new StateKeeper(dataDir.path, controller.engine, warn)
    keeper.start()
    const hub = new BridgeHub(controller)
    const appIcon = nativeImage.createFromPath(join(RESOURCES, 'icon.png'))
    const window = new MainWindow({
      hub,
      preload: join(__dirname, '../preload/index.js'),
      rendererUrl: RENDERER_URL,
      rendererFile: RENDERER_FILE,
      stateFile: join(dataDir.path, 'window-state.json'),
      icon: appIcon,
      warn,
    })
    window.create(!startedAtLogin(argv))
    const openTarget = (target: string | null): void => {
      const isSource = controller.engine.sourceViews().some((source) => source.id === target)
      window.open(target === null ? null : routeHashFor(target, isSource))
    }
    const notifier = new Notifier(openTarget, appIcon)
    const shown: NotificationView[] = []
    controller.onNotification((notification) => {
      shown.push(notification)
      if (shown.length > 50) shown.shift()
      notifier.show(notification)
    })
    const tray = new AppTray(
      hub,
      {
        open: openTarget,
        toggle: () => window.toggle(),
        snooze: (choice) =>
          void controller.run({
            type: 'snooze',
            untilMs: choice === 'off' ? null : snoozeUntilMs(choice, Date.now(), localClock(systemUtcOffset)),
          }),
        quit: () => app.quit(),
      },
      join(RESOURCES, 'tray'),
    )
    const stopPowerWatch = graceOnResume(controller.engine)
    installTestHooks({
      tray: () => tray.current,
      notifications: () => [...shown],
      windowVisible: () => window.isVisible(),
    })

    ipcMain.handle(IPC_COMMAND, async (event, input: unknown): Promise<CommandResult> => {
      const page = window.webContents
      if (!isTrustedSender(event, page, isOwnPage)) return { ok: false, error: 'unknown sender' }
      const parsed = parseUiCommand(input)
      if (!parsed.ok) return parsed
      return runUiCommand(parsed.command, window.feed, controller)
    })
    app.on('second-instance', () => window.open(null))
    app.on('activate', () => window.open(null))
    // The app lives in the tray: a closed window is no reason to quit.
    app.on('window-all-closed', () => undefined)
    app.on('before-quit', () => {
      window.allowClose()
      stopPowerWatch()
      tray.destroy()
      keeper.stop()
      void demo?.stop()
      hub.close()
      void controller.stop()
    })
  })
}
