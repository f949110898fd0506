/** Nothing lost (issue 5): the headless app killed with SIGKILL mid-stream comes back with its state. */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import type { ServiceView, TransitionView } from '../src/shared/model'
import { freePort } from './support/redis-server'
import { uniqueName, waitFor } from './support/wait'

const children: ChildProcess[] = []
const folders: string[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

async function startApp(
  dataDir: string,
  port: number,
  source: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [
    'bin/heartbeat-tray.js',
    '--headless',
    '--data',
    dataDir,
    '--http',
    `127.0.0.1:${port}`,
    '--source',
    source,
  ])
  children.push(child)
  let output = ''
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  await waitFor(() => output.includes('UI and API at'), 15_000, 'the app to start')
  return { child, output: () => output }
}

const get = async <T>(port: number, path: string): Promise<T> =>
  (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as T

describe('persistence', () => {
  it('survives kill -9: last known state comes back unknown, history intact, and live again on a heartbeat', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hbtray-data-'))
    folders.push(dataDir)
    const prefix = uniqueName('hbpersist')
    const source = `redis://127.0.0.1:6379/0?pattern=${prefix}:*`
    const port = await freePort()
    const publisher = new Redis('redis://127.0.0.1:6379/0')
    try {
      const first = await startApp(dataDir, port, source)
      const beat = (instance: string) =>
        publisher.publish(
          `${prefix}:x`,
          JSON.stringify({ service_name: 'billing', instance_id: instance, interval_seconds: 60 }),
        )
      await waitFor(
        async () => (await get<unknown[]>(port, '/api/sources')).length === 1 && (await beat('b-1')) >= 0,
        5_000,
      )
      await waitFor(
        async () => (await get<ServiceView[]>(port, '/api/services')).some((s) => s.state === 'alive'),
        5_000,
      )
      await beat('b-2')
      await waitFor(() => readdirSync(dataDir).includes('state.json'), 10_000, 'the state to be saved')
      await waitFor(async () => (await get<ServiceView[]>(port, '/api/services')).length === 2, 5_000)
      await new Promise((resolve) => setTimeout(resolve, 2_500)) // past the save delay after b-2
      first.child.kill('SIGKILL')
      await new Promise((resolve) => first.child.once('exit', resolve))

      const second = await startApp(dataDir, port, source)
      expect(second.output()).toMatch(/restored 2 instances and 2 transitions/)
      const services = await get<ServiceView[]>(port, '/api/services')
      expect(services.map((s) => [s.instance, s.state]).sort()).toEqual([
        ['b-1', 'unknown'],
        ['b-2', 'unknown'],
      ])
      expect(services.every((s) => s.lastSeen !== null && Date.now() - Date.parse(s.lastSeen) < 60_000)).toBe(
        true,
      )
      const history = await get<TransitionView[]>(port, '/api/history')
      expect(history.map((t) => `${t.instance}:${t.to}`)).toEqual(['b-1:alive', 'b-2:alive'])

      await beat('b-1')
      await waitFor(
        async () =>
          (await get<ServiceView[]>(port, '/api/services')).find((s) => s.instance === 'b-1')?.state ===
          'alive',
        5_000,
      )
    } finally {
      publisher.disconnect()
    }
  }, 60_000)

  it('moves a damaged state file aside and starts anyway', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hbtray-data-'))
    folders.push(dataDir)
    writeFileSync(join(dataDir, 'state.json'), '{"version": 1, "instances": [trunc')
    writeFileSync(join(dataDir, 'config.json'), 'not json at all')
    const app = await startApp(
      dataDir,
      await freePort(),
      `redis://127.0.0.1:6379/0?pattern=${uniqueName('hbcorrupt')}:*`,
    )
    expect(app.output()).toMatch(/state\.json was unreadable .*moved to .*state\.json\.corrupt-/)
    expect(app.output()).toMatch(/config\.json was unreadable/)
    expect(readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))).toHaveLength(2)
  }, 30_000)
})
