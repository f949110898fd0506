/**
 * For e2e/electron.spec.ts only, and only when HEARTBEAT_TRAY_TEST_HOOKS=1: what the tray shows and the
 * notifications decided, readable with Playwright's `electronApp.evaluate`. Nothing else reads them.
 */
import type { NotificationView } from '../../shared/model'
import type { TrayModel } from '../core/tray-model'

export interface TestHooks {
  tray(): TrayModel | null
  notifications(): NotificationView[]
  windowVisible(): boolean
}

declare global {
  var __heartbeatTrayTest: TestHooks | undefined
}

export const TEST_HOOKS_ENV = 'HEARTBEAT_TRAY_TEST_HOOKS'

export function installTestHooks(hooks: TestHooks): void {
  if (process.env[TEST_HOOKS_ENV] === '1') globalThis.__heartbeatTrayTest = hooks
}
