/**
 * `heartbeat-tray publish`: seed 001 heartbeats from the command line, for demos and smoke tests.
 * Returns the exit code (0 done, 1 some heartbeats of a --count run were not delivered, 2 bad usage).
 */
import { HeartbeatPublisher, type PublishError } from './heartbeat-publisher'
import { parsePublishFlags, PUBLISH_USAGE } from './cli-flags'
import { GOODBYE_STATUS, type Seed001Message } from './seed001-message'

export interface PublishCommandIo {
  stdout: (line: string) => void
  stderr: (line: string) => void
  /** Ends the run like SIGINT/SIGTERM (for tests and embedding). */
  signal?: AbortSignal
}

const PROCESS_IO: PublishCommandIo = {
  stdout: (line) => void process.stdout.write(`${line}\n`),
  stderr: (line) => void process.stderr.write(`${line}\n`),
}
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const

/** `argv`: the arguments after `publish` (a leading `publish` is skipped). */
export async function runPublishCommand(argv: string[], io: PublishCommandIo = PROCESS_IO): Promise<number> {
  const parsed = parsePublishFlags(argv[0] === 'publish' ? argv.slice(1) : argv)
  if (parsed.ok && parsed.help) {
    io.stdout(PUBLISH_USAGE)
    return 0
  }
  if (!parsed.ok) {
    io.stderr(`heartbeat-tray publish: ${parsed.error} (see --help)`)
    return 2
  }
  const { flags } = parsed
  let attempted = 0
  let undelivered = 0
  let stopping = false
  let countReached = (): void => {}
  const countReachedPromise = new Promise<void>((resolve) => (countReached = resolve))
  const countAttempt = (): void => {
    if (stopping) return
    attempted += 1
    if (flags.count !== null && attempted >= flags.count) countReached()
  }
  let publisher: HeartbeatPublisher
  try {
    publisher = new HeartbeatPublisher(flags.service, {
      to: flags.to,
      interval: flags.intervalMs,
      instanceId: flags.instanceId,
      onPublished: (message) => {
        if (flags.verbose) io.stdout(describeSent(message, publisher.destination))
        countAttempt()
      },
      onError: (error: PublishError) => {
        io.stderr(`heartbeat-tray publish: ${error.message}`)
        if (error.kind !== 'send' || stopping) return
        undelivered += 1
        countAttempt()
      },
    })
  } catch (error) {
    io.stderr(`heartbeat-tray publish: ${(error as Error).message}`)
    return 2
  }
  for (const [key, value] of Object.entries(flags.fields)) publisher.addDataCollector(key, () => value)

  const stopRequested = whenStopRequested(io.signal)
  try {
    await publisher.start()
    await Promise.race([countReachedPromise, stopRequested.promise])
  } finally {
    stopping = true
    stopRequested.dispose()
    await publisher.stop()
  }
  return flags.count !== null && undelivered > 0 ? 1 : 0
}

function describeSent(message: Seed001Message, destination: string): string {
  const what = message.status === GOODBYE_STATUS ? 'goodbye' : 'heartbeat'
  return `sent ${what} #${message.heartbeat_count} for ${message.service_name} (${message.instance_id}) to ${destination}`
}

function whenStopRequested(signal: AbortSignal | undefined): { promise: Promise<void>; dispose: () => void } {
  let onSignal = (): void => {}
  const promise = new Promise<void>((resolve) => (onSignal = () => resolve()))
  for (const name of STOP_SIGNALS) process.once(name, onSignal)
  signal?.addEventListener('abort', onSignal, { once: true })
  if (signal?.aborted) onSignal()
  return {
    promise,
    dispose: () => {
      for (const name of STOP_SIGNALS) process.off(name, onSignal)
      signal?.removeEventListener('abort', onSignal)
    },
  }
}
