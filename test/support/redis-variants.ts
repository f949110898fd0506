/** Private redis-servers started with extra arguments (a password, TLS), each on a free port. */
import { spawn } from 'node:child_process'
import { Redis, type RedisOptions } from 'ioredis'
import { freePort } from './redis-server'
import { waitFor } from './wait'

export interface RedisVariant {
  port: number
  stop(): Promise<void>
}

/**
 * `args(port)`: what to add to the command line; `probe`: how a client reaches it (password, TLS),
 * used to wait until it answers PING.
 */
export async function startRedisWith(
  args: (port: number) => string[],
  probe: Partial<RedisOptions> = {},
): Promise<RedisVariant> {
  const port = await freePort()
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--port', String(port), ...args(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += String(chunk)))
  child.stderr.on('data', (chunk) => (output += String(chunk)))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  }
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited: ${output.slice(-500)}`)
        const client = new Redis({
          host: '127.0.0.1',
          port,
          lazyConnect: true,
          retryStrategy: () => null,
          maxRetriesPerRequest: 0,
          ...probe,
        })
        client.on('error', () => undefined)
        try {
          await client.connect()
          return (await client.ping()) === 'PONG'
        } catch {
          return false
        } finally {
          client.disconnect()
        }
      },
      10_000,
      'redis-server to answer',
    )
  } catch (error) {
    await stop()
    throw error
  }
  return { port, stop }
}
