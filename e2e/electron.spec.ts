/** The real desktop app through Playwright's Electron support. Needs the Electron binary. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { Redis } from 'ioredis'
// The global the app's test hooks set (src/main/electron/test-hooks.ts).
import type {} from '../src/main/electron/test-hooks'
import { seed001Publisher, uniquePrefix } from './support/seed001'

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
    const { app, cleanup } = await launch('redis://127.0.0.1:6379/0?pattern=e2e-electron:*')
    try {
      const window = await app.firstWindow()
      await expect(window).toHaveTitle('heartbeat-tray')
      await expect(window.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected')
      // contextIsolation, sandbox, no nodeIntegration: the page sees neither Node nor Electron.
      const isolated = await window.evaluate(() => !('require' in globalThis) && !('process' in globalThis))
      expect(isolated).toBe(true)
    } finally {
      await cleanup()
    }
  })

  test('shows the tray state, notifies a death natively, and hides to the tray on close', async () => {
    const redis = new Redis('redis://127.0.0.1:6379/0')
    const publisher = seed001Publisher(redis, uniquePrefix('electron'))
    const { app, cleanup } = await launch(publisher.pattern)
    // Read in the main process; the hooks exist only with HEARTBEAT_TRAY_TEST_HOOKS=1 (launch sets it).
    const tray = () => app.evaluate(() => globalThis.__heartbeatTrayTest?.tray() ?? null)
    const notified = () =>
      app.evaluate(() => globalThis.__heartbeatTrayTest?.notifications().map((n) => n.title) ?? [])
    const windowVisible = () => app.evaluate(() => globalThis.__heartbeatTrayTest?.windowVisible() ?? null)
    try {
      const window = await app.firstWindow()
      await expect(window).toHaveTitle('heartbeat-tray')
      await expect.poll(async () => (await tray())?.tooltip).toBe('heartbeat-tray: no heartbeats yet')
      expect((await tray())?.icon).toBe('unknown')

      await publisher.beat('e2e_doomed', 'd1', 1)
      await expect.poll(async () => (await tray())?.icon).toBe('alive')
      expect((await tray())?.tooltip).toBe('heartbeat-tray: 1 alive')

      await expect.poll(async () => (await tray())?.icon, { timeout: 10_000 }).toBe('dead')
      expect((await tray())?.tooltip).toBe('heartbeat-tray: 1 dead')
      const menu = (await tray())?.menu.map((item) => ('label' in item ? item.label : '---'))
      expect(menu?.[0]).toBe('e2e_doomed — dead')
      await expect.poll(notified).toContain('e2e_doomed is dead')

      // Closing the window hides it to the tray; the app keeps watching.
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
      await expect.poll(windowVisible).toBe(false)
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
    } finally {
      await cleanup()
      redis.disconnect()
    }
  })
})

/** The app on a fresh data folder, with the test hooks on. */
async function launch(source: string): Promise<{ app: ElectronApplication; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'heartbeat-tray-e2e-'))
  const app = await electron.launch({
    executablePath: binary as string,
    args: ['.', '--data', dataDir, '--source', source],
    env: { ...process.env, HEARTBEAT_TRAY_TEST_HOOKS: '1' },
  })
  return {
    app,
    cleanup: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
