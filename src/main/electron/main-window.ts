/**
 * The one window onto the engine: hidden to the tray on close (the app lives in the tray), shown on
 * demand, opened on an instance, service or source when a notification or a menu item asks, and where
 * the user left it. The page learns what to open from its URL hash (src/shared/open-route.ts), as a
 * browser on headless mode does when a notification is clicked.
 */
import { BrowserWindow, nativeTheme, screen, type NativeImage, type WebContents } from 'electron'
import { IPC_EVENTS } from '../../shared/api'
import type { BridgeConnection, BridgeHub } from '../bridge-hub'
import { MIN_WINDOW_SIZE, restoreWindow } from '../core/window-bounds'
import { loadWindowState, rememberWindowState } from './window-state'

export interface MainWindowOptions {
  hub: BridgeHub
  preload: string
  /** The dev server's URL (electron-vite dev), or null to load the built page from `rendererFile`. */
  rendererUrl: string | null
  rendererFile: string
  stateFile: string
  icon?: NativeImage
  warn: (message: string) => void
}

export class MainWindow {
  private window: BrowserWindow | null = null
  private quitting = false
  private pendingHash: string | null = null
  private connection: BridgeConnection | null = null

  constructor(private readonly options: MainWindowOptions) {}

  /** Creates the window; shown at once unless the app started hidden (at login). */
  create(show: boolean): void {
    this.ensure(show)
  }

  /** Shows the window, on a view when given (`#/services/<id>`, see src/shared/open-route.ts). */
  open(hash: string | null): void {
    const window = this.ensure(true)
    if (hash !== null) this.navigate(window, hash)
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }

  /** The tray's left click. */
  toggle(): void {
    if (this.window && !this.window.isDestroyed() && this.window.isVisible()) this.window.hide()
    else this.open(null)
  }

  isVisible(): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.isVisible()
  }

  /** The page's own WebContents, or null: only it may send commands. */
  get webContents(): WebContents | null {
    return this.window && !this.window.isDestroyed() ? this.window.webContents : null
  }

  /** The loaded page's link to the engine's feed, or null before it has loaded. */
  get feed(): BridgeConnection | null {
    return this.connection
  }

  /** Quitting: let the window close for real instead of hiding to the tray. */
  allowClose(): void {
    this.quitting = true
  }

  private ensure(show: boolean): BrowserWindow {
    if (this.window && !this.window.isDestroyed()) return this.window
    const { options } = this
    const saved = loadWindowState(options.stateFile, options.warn)
    const { bounds, maximized } = restoreWindow(
      saved,
      screen.getAllDisplays().map((display) => display.workArea),
    )
    const window = new BrowserWindow({
      ...bounds,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: 'heartbeat-tray',
      icon: options.icon,
      autoHideMenuBar: true,
      // The page's own background, so no white flash before it paints in dark mode.
      backgroundColor: nativeTheme.shouldUseDarkColors ? '#16181d' : '#ffffff',
      webPreferences: {
        preload: options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    })
    this.window = window
    if (maximized) window.maximize()
    rememberWindowState(window, options.stateFile, options.warn)
    window.on('close', (event) => {
      if (this.quitting) return
      event.preventDefault()
      window.hide()
    })
    window.webContents.on('did-finish-load', () => {
      this.connection?.close()
      this.connection = options.hub.connect((event) => {
        if (!window.isDestroyed()) window.webContents.send(IPC_EVENTS, event)
      })
      const hash = this.pendingHash
      this.pendingHash = null
      if (hash !== null) this.navigate(window, hash)
    })
    window.on('closed', () => {
      this.connection?.close()
      this.connection = null
      if (this.window === window) this.window = null
    })
    if (show) window.once('ready-to-show', () => window.show())
    if (options.rendererUrl) void window.loadURL(options.rendererUrl)
    else void window.loadFile(options.rendererFile)
    return window
  }

  /** A same-document navigation (only the hash changes): the page stays and its router follows. */
  private navigate(window: BrowserWindow, hash: string): void {
    const current = window.webContents.getURL()
    if (current === '' || window.webContents.isLoading()) {
      this.pendingHash = hash
      return
    }
    void window.webContents.loadURL(`${current.split('#')[0] as string}${hash}`)
  }
}
