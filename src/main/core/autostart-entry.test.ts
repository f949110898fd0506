import { describe, expect, it } from 'vitest'
import { autostartDesktopEntry } from './autostart-entry'

describe('autostart entry', () => {
  it('starts the app hidden, quoting paths as the Desktop Entry spec asks', () => {
    const entry = autostartDesktopEntry(['/opt/Heart Beat/heartbeat-tray', '--hidden'])
    expect(entry).toContain('Exec="/opt/Heart Beat/heartbeat-tray" --hidden\n')
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true)
    expect(autostartDesktopEntry(['/a/100%"$x'])).toContain('Exec="/a/100%%\\"\\$x"\n')
  })
})
