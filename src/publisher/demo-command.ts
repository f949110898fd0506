/** `heartbeat-tray demo [--to URL]`: runs the demo services until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util'
import { DEMO_TARGET, startDemo } from './demo'

export async function runDemoCommand(argv: readonly string[]): Promise<number> {
  let to: string
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: { to: { type: 'string', default: DEMO_TARGET } },
    })
    to = values.to
  } catch (error) {
    console.error(`heartbeat-tray demo: ${(error as Error).message.split('\n')[0]}`)
    return 2
  }
  let demo
  try {
    demo = startDemo({ to, log: (line) => console.log(line) })
  } catch (error) {
    console.error(`heartbeat-tray demo: ${(error as Error).message}`)
    return 2
  }
  console.log(`heartbeat-tray demo: publishing ${demo.services.join(', ')} to ${to} (Ctrl-C stops)`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await demo.stop()
  return 0
}
