/** The command line: `heartbeat-tray [--headless] [--source URL …] [--config FILE] [--http HOST:PORT] [--token T]`. */
import { parseArgs } from 'node:util'

export const DEFAULT_HTTP = { host: '127.0.0.1', port: 7474 }

export interface AppArgs {
  headless: boolean
  sources: string[]
  configPath: string | null
  /** Where headless mode keeps its config, mutes and state (Electron uses its userData folder). */
  dataDir: string | null
  http: { host: string; port: number }
  token: string | null
  /** Run the demo services when nothing is configured (default); `--no-demo` turns it off. */
  demo: boolean
  help: boolean
  version: boolean
}

export type ArgsResult = { ok: true; args: AppArgs } | { ok: false; error: string }

export const USAGE = `usage:
  heartbeat-tray [--headless] [--source URL ...] [--config FILE] [--data DIR] [--http HOST:PORT] [--token TOKEN]
  heartbeat-tray publish --to URL --service NAME [--instance ID] [--interval 1s] [--count N]
  heartbeat-tray demo [--to URL]

  --headless        run without Electron; serve the UI and API over HTTP
  --source URL      watch a source (repeatable), e.g. redis://127.0.0.1:6379/0
  --config FILE     read sources and detection settings from a JSON file
  --data DIR        keep config changes, mutes and state in DIR (headless; the app uses its own folder)
  --http HOST:PORT  where headless mode listens (default 127.0.0.1:7474)
  --token TOKEN     require this bearer token for the API (required off loopback;
                    also read from HEARTBEAT_TRAY_TOKEN)
  --no-demo         with nothing configured, do not start the demo services`

export function parseAppArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): ArgsResult {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        headless: { type: 'boolean', default: false },
        source: { type: 'string', multiple: true, default: [] },
        config: { type: 'string' },
        data: { type: 'string' },
        http: { type: 'string' },
        token: { type: 'string' },
        'no-demo': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    return { ok: false, error: (error as Error).message.split('\n')[0] ?? 'bad arguments' }
  }
  const http = values.http === undefined ? { ...DEFAULT_HTTP } : parseHostPort(values.http)
  if (http === null)
    return { ok: false, error: `--http must be HOST:PORT (e.g. 127.0.0.1:7474), got "${values.http}"` }
  const token = values.token ?? env.HEARTBEAT_TRAY_TOKEN ?? null
  if (token !== null && token.length < 16)
    return { ok: false, error: '--token must be at least 16 characters' }
  return {
    ok: true,
    args: {
      headless: values.headless,
      sources: values.source,
      configPath: values.config ?? null,
      dataDir: values.data ?? null,
      http,
      token,
      demo: !values['no-demo'],
      help: values.help,
      version: values.version,
    },
  }
}

function parseHostPort(text: string): { host: string; port: number } | null {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:]+):(\d{1,5})$/.exec(text.trim())
  if (!match) return null
  const port = Number(match[2])
  if (port > 65_535) return null
  return { host: (match[1] as string).replace(/^\[|\]$/g, ''), port }
}
