/**
 * Launch at login (a setting): Electron's login items on macOS and Windows, an XDG autostart entry on
 * Linux. Started at login, the app stays in the tray (`--hidden`). A development build registers
 * nothing: it would register the bare Electron binary.
 */
import { rmSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { app } from 'electron'
import { autostartDesktopEntry } from '../core/autostart-entry'
import { writeFileAtomic } from '../store/atomic-file'

export const HIDDEN_FLAG = '--hidden'

export function applyLaunchAtLogin(enabled: boolean, warn: (message: string) => void): void {
  if (!app.isPackaged) return
  try {
    if (process.platform === 'linux') applyXdgAutostart(enabled)
    else app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] })
  } catch (error) {
    warn(`cannot change launch at login: ${(error as Error).message}`)
  }
}

/** Started by the login item: stay in the tray. */
export function startedAtLogin(argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin
}

function applyXdgAutostart(enabled: boolean): void {
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config')
  const file = join(configHome, 'autostart', 'heartbeat-tray.desktop')
  if (!enabled) return rmSync(file, { force: true })
  // An AppImage runs from a temporary mount; APPIMAGE is the file to start again.
  const executable = process.env.APPIMAGE ?? process.execPath
  writeFileAtomic(file, autostartDesktopEntry([executable, HIDDEN_FLAG]), 0o644)
}
