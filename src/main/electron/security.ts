/**
 * The renderer's cage (issue 4): a strict CSP (the page's meta tag, and the same as a header for
 * anything served over http), no navigation, no new windows, no webviews, no permissions, and IPC
 * answered only for our own page. contextIsolation, sandbox and no nodeIntegration are set on the
 * window itself (main-window.ts) and the sandbox for every renderer here.
 */
import { app, session, type IpcMainInvokeEvent, type WebContents } from 'electron'

/** Kept equal to the meta tag in src/renderer/index.html. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Before `ready`: every renderer sandboxed, whatever a window's options say. */
export function sandboxEveryRenderer(): void {
  app.enableSandbox()
}

/** After `ready`. `devServerUrl`: electron-vite's dev server, whose hot reload needs its own rules. */
export function hardenSessions(devServerUrl: string | null): void {
  const { defaultSession } = session
  // Notifications are shown by the main process, so the page needs no permission at all.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  defaultSession.setPermissionCheckHandler(() => false)
  if (devServerUrl === null) {
    defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] },
      }),
    )
  }
  app.on('web-contents-created', (_event, contents) => lockDown(contents))
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  // Same-document changes (#open=…) are not navigations and still work.
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** A command is answered only from our window's main frame, showing our own page. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: WebContents | null,
  pageUrl: (url: string) => boolean,
): boolean {
  if (window === null || event.sender !== window) return false
  const frame = event.senderFrame
  return frame !== null && frame.parent === null && pageUrl(frame.url)
}
