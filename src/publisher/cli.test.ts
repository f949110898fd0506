import { afterEach, describe, expect, it } from 'vitest'
import { runPublishCommand, type PublishCommandIo } from './cli'
import { GOODBYE_STATUS } from './seed001-message'
import {
  recordChannel,
  TEST_REDIS_URL,
  uniqueServiceName,
  type ChannelRecorder,
} from './testing/redis-subscriber'

const openChannels: ChannelRecorder[] = []
afterEach(async () => {
  for (const channel of openChannels.splice(0)) await channel.close()
})

async function recordService(service: string): Promise<ChannelRecorder> {
  const channel = await recordChannel(`heartbeat:service:${service}`)
  openChannels.push(channel)
  return channel
}

function capturingIo(signal?: AbortSignal): PublishCommandIo & { out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { out, err, stdout: (line) => out.push(line), stderr: (line) => err.push(line), signal }
}

describe('heartbeat-tray publish: bad usage', () => {
  it.each([
    [['--to', TEST_REDIS_URL, '--service', 'x', '--colour', 'red'], /unknown flag --colour/],
    [['--service', 'x'], /missing --to/],
    [['--to', TEST_REDIS_URL], /missing --service/],
    [
      ['--to', TEST_REDIS_URL, '--service', 'x', '--interval', 'soon'],
      /--interval must be a duration.*"soon"/,
    ],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--interval', '0s'], /--interval must be a duration/],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--count', '0'], /--count must be a whole number.*"0"/],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--count', '1.5'], /--count must be a whole number/],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--count'], /--count needs a value/],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--field', 'novalue'], /--field needs key=value/],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--field', 'heartbeat_count=3'], /written by the publisher/],
    [['--to', TEST_REDIS_URL, '--service', 'x', '--to', TEST_REDIS_URL], /--to given twice/],
    [['--to', 'ftp://example.com', '--service', 'x'], /cannot publish to "ftp:" URLs/],
    [['stray', '--to', TEST_REDIS_URL], /unexpected argument "stray"/],
  ])('%j fails with 2 and one line saying why', async (argv, reason) => {
    const io = capturingIo()

    const exitCode = await runPublishCommand(argv, io)

    expect(exitCode).toBe(2)
    expect(io.err).toHaveLength(1)
    expect(io.err[0]).toMatch(reason)
    expect(io.out).toEqual([])
  })

  it('prints usage for --help and succeeds', async () => {
    const io = capturingIo()

    expect(await runPublishCommand(['publish', '--help'], io)).toBe(0)
    expect(io.out[0]).toMatch(/^usage: heartbeat-tray publish --to URL --service NAME/)
  })
})

describe('heartbeat-tray publish on a real Redis', () => {
  it('--count 3 sends exactly three heartbeats and a goodbye, then returns 0 without a further interval', async () => {
    const service = uniqueServiceName('clitest')
    const channel = await recordService(service)
    const io = capturingIo()
    const startedAt = Date.now()

    const exitCode = await runPublishCommand(
      [
        'publish',
        `--to=${TEST_REDIS_URL}`,
        '--service',
        service,
        '--instance',
        'cli-1',
        '--interval',
        '300ms',
        '--count',
        '3',
        '--field',
        'queue_size=12',
        '--field',
        'api_status=authenticated',
        '--verbose',
      ],
      io,
    )
    const elapsedMs = Date.now() - startedAt
    await channel.waitForCount(4)

    expect(exitCode).toBe(0)
    expect(io.err).toEqual([])
    // Beats at 0, 300 and 600 ms; waiting one more interval would take 900 ms.
    expect(elapsedMs).toBeLessThan(880)
    const messages = channel.parsed()
    expect(messages.map((message) => [message.heartbeat_count, message.status ?? 'beat'])).toEqual([
      [1, 'beat'],
      [2, 'beat'],
      [3, 'beat'],
      [4, GOODBYE_STATUS],
    ])
    expect(messages[0]).toMatchObject({ instance_id: 'cli-1', queue_size: 12, api_status: 'authenticated' })
    expect(io.out).toHaveLength(4)
    expect(io.out[0]).toMatch(
      new RegExp(`^sent heartbeat #1 for ${service} \\(cli-1\\) to redis://127\\.0\\.0\\.1:6379/0`),
    )
    expect(io.out[3]).toMatch(/^sent goodbye #4/)
  })

  it('without --count publishes until asked to stop, then says goodbye and returns 0', async () => {
    const service = uniqueServiceName('clitest')
    const channel = await recordService(service)
    const stop = new AbortController()
    const io = capturingIo(stop.signal)

    const run = runPublishCommand(['--to', TEST_REDIS_URL, '--service', service, '--interval', '50ms'], io)
    await channel.waitForCount(2)
    stop.abort()
    const exitCode = await run
    await channel.waitUntil((messages) => messages.some((message) => message.status === GOODBYE_STATUS))

    expect(exitCode).toBe(0)
    expect(io.out).toEqual([])
    expect(channel.parsed().at(-1)).toMatchObject({ status: GOODBYE_STATUS })
  })
})
