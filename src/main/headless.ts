/** The engine without Electron: the same contract over WebSocket, a JSON API and the built UI. */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BridgeHub } from './bridge-hub'
import type { AppConfig } from './core/config'
import { Controller, type ControllerOptions } from './controller'
import type { Engine } from './engine'
import { isLoopbackHost } from './http/access'
import { createApiServer } from './http/api-server'

export interface HeadlessOptions {
  config: AppConfig
  host: string
  port: number
  token: string | null
  rendererDir: string
  log: (line: string) => void
  /** Saved state to start from and where to save changes (see store/). */
  persistence?: Pick<ControllerOptions, 'mutes' | 'onConfigChanged' | 'onMutesChanged'>
}

export interface HeadlessApp {
  controller: Controller
  engine: Engine
  server: Server
  /** Where the UI and API answer, e.g. http://127.0.0.1:7474 */
  url: string
  stop(): Promise<void>
}

export async function startHeadless(options: HeadlessOptions): Promise<HeadlessApp> {
  const boundToLoopback = isLoopbackHost(options.host)
  if (!boundToLoopback && options.token === null) {
    throw new Error(`--http ${options.host} is off loopback: set a token (--token or HEARTBEAT_TRAY_TOKEN)`)
  }
  const controller = new Controller({ ...options.persistence, config: options.config, log: options.log })
  const errors = controller.start()
  if (errors.length > 0) {
    await controller.stop()
    throw new Error(errors.join('; '))
  }
  const { engine } = controller
  const hub = new BridgeHub(controller)
  const server = createApiServer({
    controller,
    hub,
    rendererDir: options.rendererDir,
    access: { boundToLoopback, token: options.token },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    controller,
    engine,
    server,
    url: `http://${host}:${address.port}`,
    async stop() {
      hub.close()
      server.closeSockets()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await controller.stop()
    },
  }
}
