/** Runs the built app in headless mode as a real process, the way a user would. */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

export interface HeadlessProcess {
  url: string
  output: () => string
  stop(): Promise<void>
}

export async function startHeadlessProcess(args: string[]): Promise<HeadlessProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/heartbeat-tray.js', '--headless', '--http', '127.0.0.1:0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless did not start:\n${output}`)), 15_000)
    const check = (): void => {
      const match = /UI and API at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => reject(new Error(`headless exited with ${code}:\n${output}`)))
  })
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}
