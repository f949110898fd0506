/** Entry point under plain Node: headless mode and the publisher. The Electron shell is index.ts. */
import { join } from 'node:path'
import { version } from '../../package.json'
import { runPublishCommand } from '../publisher/cli'
import { parseAppArgs, USAGE } from './cli-args'
import { parseSourceUrl } from './core/source-url'
import { startHeadless } from './headless'
import { favourSmallHeap } from './heap-policy'
import { loadConfigFile } from './store/config-file'
import { DataDir } from './store/data-dir'
import { FileSecretStore, PLAIN_CODEC } from './store/secrets'
import { StateKeeper } from './store/state-keeper'
import { DEFAULT_SOURCE, startupConfig } from './core/config'
import { startDemo } from '../publisher/demo'
import { runDemoCommand } from '../publisher/demo-command'

const RENDERER_DIR = join(__dirname, '../renderer')

export async function runCli(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'publish') return runPublishCommand(argv.slice(1))
  if (argv[0] === 'demo') return runDemoCommand(argv.slice(1))
  const parsed = parseAppArgs(argv, process.env)
  if (!parsed.ok) return usageError(parsed.error)
  const args = parsed.args
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  if (args.version) {
    console.log(version)
    return 0
  }
  const warn = (message: string): void => console.error(`heartbeat-tray: ${message}`)
  const dataDir = args.dataDir === null ? null : new DataDir(args.dataDir, warn)
  const given = loadConfigFile(args.configPath)
  if (!given.ok) return usageError(given.error)
  const saved = dataDir?.loadConfig() ?? null
  // `${env:NAME}` in a --config file or a --source (the saved config comes back opened already).
  const secrets = dataDir?.secrets ?? new FileSecretStore(null, PLAIN_CODEC, warn)
  const open = (urls: readonly string[]): string[] => urls.map((url) => secrets.open(url))
  const config = startupConfig(
    saved ?? { ...given.config, sources: open(given.config.sources) },
    open(args.sources),
  )
  const unconfigured = saved === null && args.configPath === null && args.sources.length === 0
  for (const url of config.sources) {
    const spec = parseSourceUrl(url)
    if (!spec.ok) return usageError(spec.error)
  }

  let app
  try {
    app = await startHeadless({
      config,
      host: args.http.host,
      port: args.http.port,
      token: args.token,
      rendererDir: RENDERER_DIR,
      log: (line) => console.log(line),
      persistence: dataDir
        ? {
            mutes: dataDir.loadMutes(),
            onConfigChanged: (changed) => dataDir.saveConfig(changed),
            onMutesChanged: (mutes) => dataDir.saveMutes(mutes),
          }
        : undefined,
    })
  } catch (error) {
    return usageError((error as Error).message)
  }
  const keeper = dataDir
    ? new StateKeeper(dataDir.path, app.engine, (message) => console.error(`heartbeat-tray: ${message}`))
    : null
  if (keeper) {
    const restored = keeper.start()
    console.log(
      `restored ${restored.instances} instances and ${restored.transitions} transitions from ${dataDir?.path}`,
    )
  }
  const count = config.sources.length
  console.log(
    `heartbeat-tray ${version}: watching ${count} source${count === 1 ? '' : 's'}; UI and API at ${app.url}`,
  )
  const demo =
    unconfigured && args.demo ? startDemo({ to: DEFAULT_SOURCE, log: (line) => console.log(line) }) : null
  if (demo)
    console.log(
      `demo: nothing is configured, so demo services publish to ${DEFAULT_SOURCE} (--no-demo turns this off)`,
    )
  return new Promise<number>((resolve) => {
    const shutdown = (): void => {
      keeper?.stop()
      void Promise.all([demo?.stop(), app.stop()]).then(() => resolve(0))
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  })
}

function usageError(message: string): number {
  console.error(`heartbeat-tray: ${message}`)
  return 2
}

favourSmallHeap()
void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code
  if (code !== 0 || process.argv.includes('--help') || process.argv.includes('--version')) process.exit(code)
})
