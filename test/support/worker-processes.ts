/**
 * Real job-queue workers (Celery, RQ, Sidekiq from Debian's packages) started by a test and killed by
 * it. Each runs in its own process group, so that SIGKILL in cleanup takes any child it forked too.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface WorkerProcess {
  pid: number
  /** What it printed so far (stdout and stderr), for a failing test's message. */
  output(): string
  signal(signal: NodeJS.Signals): void
  /** Resolves when it has exited, with its exit code or signal. */
  exited: Promise<string>
}

export class WorkerProcesses {
  private readonly running = new Set<ChildProcess>()

  start(
    command: string,
    args: string[],
    options: { cwd: string; env?: Record<string, string> },
  ): WorkerProcess {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    if (child.pid === undefined) throw new Error(`could not start ${command}`)
    this.running.add(child)
    let output = ''
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000)
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    const exited = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => {
        this.running.delete(child)
        resolve(signal ?? String(code))
      })
    })
    const pid = child.pid
    return {
      pid,
      output: () => output,
      signal: (signal) => {
        if (child.exitCode === null && child.signalCode === null) process.kill(pid, signal)
      },
      exited,
    }
  }

  /** SIGKILL to every group still running, and wait until each has exited. */
  async killAll(): Promise<void> {
    const children = [...this.running]
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            child.once('exit', () => resolve())
            try {
              process.kill(-(child.pid as number), 'SIGKILL')
            } catch {
              resolve()
            }
          }),
      ),
    )
  }
}

/** A temporary directory holding the given files (a tiny app); `remove()` deletes it. */
export async function appDir(
  prefix: string,
  files: Record<string, string>,
): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `${prefix}-`))
  for (const [name, text] of Object.entries(files)) await writeFile(join(path, name), text)
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
