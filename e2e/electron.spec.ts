/** The real desktop app through Playwright's Electron support. Needs the Electron binary. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { _electron as electron, expect, test } from '@playwright/test'

/** As bin/heartbeat-tray.js decides: no download attempt where ELECTRON_SKIP_BINARY_DOWNLOAD is set. */
function electronBinary(): string | null {
  try {
    const load = createRequire(`${process.cwd()}/package.json`)
    const packageDir = dirname(load.resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    const installed =
      existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))
    if (!installed && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null
    const path = load('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const SKIP_REASON =
  'no Electron binary is installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or no network to fetch it)'
if (binary === null) console.warn(`e2e/electron.spec.ts skipped: ${SKIP_REASON}`)

test.describe('desktop app', () => {
  test.skip(
    binary === null,
    'no Electron binary is installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or no network to fetch it)',
  )

  test('opens its window and shows the engine over IPC', async () => {
    const app = await electron.launch({
      executablePath: binary as string,
      args: ['.', '--source', 'redis://127.0.0.1:6379/0?pattern=e2e-electron:*'],
    })
    try {
      const window = await app.firstWindow()
      await expect(window).toHaveTitle('heartbeat-tray')
      await expect(window.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected')
      // contextIsolation, sandbox, no nodeIntegration: the page sees neither Node nor Electron.
      const isolated = await window.evaluate(() => !('require' in globalThis) && !('process' in globalThis))
      expect(isolated).toBe(true)
    } finally {
      await app.close()
    }
  })
})
