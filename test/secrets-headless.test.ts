/**
 * Secrets kept (issue 5), end to end: the headless app, run as a process with a password-protected
 * Redis, a wrong password, a push token and a `${env:NAME}` reference. Nothing it prints, serves or
 * sends to a UI holds a secret; config.json holds none; after a restart the saved sources connect.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import type { ServiceView, SourceView } from '../src/shared/model'
import { freePort } from './support/redis-server'
import { startRedisWith } from './support/redis-variants'
import { uniqueName, waitFor } from './support/wait'

const cleanups: (() => Promise<unknown> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const secret = (prefix: string): string => `${prefix}-${randomBytes(12).toString('hex')}`
const PASSWORD = secret('redis-pw')
const WRONG_PASSWORD = secret('wrong-pw')
const PUSH_TOKEN = secret('push-token')
const SECRETS = [PASSWORD, WRONG_PASSWORD, PUSH_TOKEN]
const ENV_NAME = 'HBTRAY_TEST_REDIS_PASSWORD'

interface App {
  output(): string
  stop(): Promise<void>
}

/** The headless CLI from source (tsx), its stdout and stderr captured together. */
async function startApp(dataDir: string, httpPort: number, sources: string[]): Promise<App> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/cli.ts',
      '--headless',
      '--data',
      dataDir,
      '--http',
      `127.0.0.1:${httpPort}`,
      ...sources.flatMap((url) => ['--source', url]),
    ],
    { env: { ...process.env, [ENV_NAME]: PASSWORD } },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
  cleanups.push(stop)
  await waitFor(() => output.includes('UI and API at'), 20_000, `the app to start: ${output}`)
  return { output: () => output, stop }
}

describe('secrets, end to end in the headless app', () => {
  it('never prints, serves, sends or saves a password or token, and the saved sources connect after a restart', async () => {
    const redis = await startRedisWith(() => ['--requirepass', PASSWORD], { password: PASSWORD })
    cleanups.push(() => redis.stop())
    const dataDir = mkdtempSync(join(tmpdir(), 'hbtray-secrets-app-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const [httpPort, pushPort] = [await freePort(), await freePort()]
    const prefix = uniqueName('hbsecret')
    const at = `127.0.0.1:${redis.port}`
    const withPassword = `redis://:${PASSWORD}@${at}/0?pattern=${prefix}:*`
    const fromEnvironment = `redis://:\${env:${ENV_NAME}}@${at}/1?pattern=${prefix}:*`
    const seen: string[] = []

    const first = await startApp(dataDir, httpPort, [withPassword, fromEnvironment])
    const api = async <T>(path: string): Promise<T> => {
      const text = await (await fetch(`http://127.0.0.1:${httpPort}${path}`)).text()
      seen.push(text)
      return (path === '/metrics' ? text : JSON.parse(text)) as T
    }
    const sources = (): Promise<SourceView[]> => api<SourceView[]>('/api/sources')
    await waitFor(
      async () => (await sources()).every((source) => source.state === 'connected'),
      10_000,
      'both password sources to connect',
    )

    const ws = new WebSocket(`ws://127.0.0.1:${httpPort}/api/events`)
    cleanups.push(() => ws.terminate())
    ws.on('message', (data) => seen.push(String(data)))
    await new Promise((resolve) => ws.once('open', resolve))
    const added = [
      `redis://:${WRONG_PASSWORD}@${at}/2?pattern=${prefix}:*`,
      `push://127.0.0.1:${pushPort}?token=${PUSH_TOKEN}`,
    ]
    added.forEach((url, index) =>
      ws.send(JSON.stringify({ type: 'command', id: index + 1, command: { type: 'addSource', url } })),
    )
    await waitFor(
      () => seen.filter((frame) => frame.includes('"type":"result"')).length === 2,
      5_000,
      'both sources added',
    )
    await waitFor(
      async () => (await sources()).some((source) => /WRONGPASS/.test(source.lastError ?? '')),
      5_000,
      'the wrong password refused',
    )

    // Pub/sub is one namespace whatever the database: both password sources hear it.
    const publisher = new Redis({ host: '127.0.0.1', port: redis.port, password: PASSWORD })
    cleanups.push(() => publisher.disconnect())
    await publisher.publish(
      `${prefix}:x`,
      JSON.stringify({ service_name: `${prefix}-svc`, instance_id: 'i-1' }),
    )
    await waitFor(async () => (await api<ServiceView[]>('/api/services')).length === 2, 5_000)
    await api<string>('/metrics')

    const config = readFileSync(join(dataDir, 'config.json'), 'utf8')
    expect(config).toContain(`\${env:${ENV_NAME}}`)
    expect(config.match(/\$\{secret:[0-9a-f]{16}\}/g)).toHaveLength(3)
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600)
    // Closed first: the app's stop() leaves an open /api/events socket open and waits on it (about a minute).
    ws.terminate()
    await first.stop()

    const second = await startApp(dataDir, httpPort, [])
    await waitFor(
      async () => (await sources()).filter((source) => source.state === 'connected').length === 3,
      10_000,
      'the saved sources to connect again (push, the password and the environment variable)',
    )
    await publisher.publish(
      `${prefix}:x`,
      JSON.stringify({ service_name: `${prefix}-svc`, instance_id: 'i-1' }),
    )
    await waitFor(
      async () => (await api<ServiceView[]>('/api/services')).some((view) => view.state === 'alive'),
      5_000,
    )
    expect(second.output()).toMatch(/WRONGPASS/)

    const everything = [first.output(), second.output(), config, ...seen].join('\n')
    for (const text of SECRETS) {
      expect(everything).not.toContain(text)
      expect(everything).not.toContain(encodeURIComponent(text))
    }
    expect(everything).toContain(':***@')
    expect(everything).toContain('token=***')
  }, 60_000)
})
