/**
 * The tray icon: it renders the tray model (core/tray-model.ts) built from the same snapshot and batched
 * deltas a window gets. The image is set only when the icon changes, the menu rebuilt only when it does.
 * Left click toggles the window (Linux panels send no clicks: there the menu is the way in).
 */
import { join } from 'node:path'
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import type { BridgeHub } from '../bridge-hub'
import {
  buildTrayModel,
  trayImageFile,
  type TrayCommand,
  type TrayIconName,
  type TrayMenuItem,
  type TrayModel,
} from '../core/tray-model'
import { ViewMirror } from '../core/view-mirror'

export interface TrayActions {
  open(target: string | null): void
  toggle(): void
  snooze(choice: Extract<TrayCommand, { type: 'snooze' }>['choice']): void
  quit(): void
}

/** Time alone changes the tray: a snooze ends, "until 08:00" becomes "until tomorrow 08:00". */
const REFRESH_MS = 60_000

/** Minutes east of UTC at a wall time, as this system's time zone says. */
export const systemUtcOffset = (wallMs: number): number => -new Date(wallMs).getTimezoneOffset()

export class AppTray {
  private readonly tray: Tray
  private readonly mirror = new ViewMirror()
  private model: TrayModel | null = null
  private menu: Menu | null = null
  private menuKey = ''
  private readonly disconnect: () => void
  private readonly refresh: NodeJS.Timeout

  constructor(
    hub: BridgeHub,
    private readonly actions: TrayActions,
    private readonly trayDir: string,
  ) {
    this.tray = new Tray(this.image('unknown'))
    this.tray.setToolTip('heartbeat-tray')
    if (process.platform !== 'linux') {
      this.tray.on('click', () => actions.toggle())
      this.tray.on('right-click', () => {
        if (this.menu) this.tray.popUpContextMenu(this.menu)
      })
    }
    const connection = hub.connect((event) => {
      this.mirror.apply(event)
      this.render()
    })
    this.disconnect = connection.close
    this.refresh = setInterval(() => this.render(), REFRESH_MS)
    this.refresh.unref()
  }

  get current(): TrayModel | null {
    return this.model
  }

  destroy(): void {
    clearInterval(this.refresh)
    this.disconnect()
    this.tray.destroy()
  }

  private render(): void {
    const model = buildTrayModel({
      services: this.mirror.services.values(),
      sources: this.mirror.sources,
      alerts: this.mirror.alerts,
      nowWallMs: Date.now(),
      utcOffsetMinutes: systemUtcOffset,
    })
    if (model.icon !== this.model?.icon) this.tray.setImage(this.image(model.icon))
    if (model.tooltip !== this.model?.tooltip) this.tray.setToolTip(model.tooltip)
    const menuKey = JSON.stringify(model.menu)
    if (menuKey !== this.menuKey) {
      this.menuKey = menuKey
      this.menu = Menu.buildFromTemplate(model.menu.map((item) => this.template(item)))
      if (process.platform === 'linux') this.tray.setContextMenu(this.menu)
    }
    this.model = model
  }

  private image(icon: TrayIconName): NativeImage {
    return nativeImage.createFromPath(join(this.trayDir, trayImageFile(icon, process.platform)))
  }

  private template(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.type === 'separator') return { type: 'separator' }
    // Windows reads & as a keyboard mnemonic; a service named "r&d" must stay "r&d".
    const label = process.platform === 'win32' ? item.label.replace(/&/g, '&&') : item.label
    if (item.type === 'submenu') return { label, submenu: item.items.map((child) => this.template(child)) }
    const { command } = item
    return { label, enabled: command !== null, click: command ? () => this.run(command) : undefined }
  }

  private run(command: TrayCommand): void {
    if (command.type === 'open') this.actions.open(command.target)
    else if (command.type === 'snooze') this.actions.snooze(command.choice)
    else this.actions.quit()
  }
}
