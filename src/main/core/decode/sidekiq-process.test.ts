import { describe, expect, it } from 'vitest'
import type { Heartbeat } from '../heartbeat'
import { liveSetRecordText } from './live-set-record'
import {
  decodeSidekiqProcess,
  SIDEKIQ6_BEAT_MS,
  SIDEKIQ7_BEAT_MS,
  sidekiqLeftCleanly,
} from './sidekiq-process'

/**
 * Captured from Debian's ruby-sidekiq 6.4.1 (`sidekiq -r ./app.rb -q capq -c 1 -g captag`): the
 * identity's hash while running, and after SIGTERM (quiet while it shuts down).
 */
const RUNNING_HASH = {
  info: '{"hostname":"vm","started_at":1795733929.7597775,"pid":1485,"tag":"captag","concurrency":1,"queues":["capq"],"labels":[],"identity":"vm:1485:d8cf4e0079b3"}',
  busy: '0',
  quiet: 'false',
  rss: '29788',
  beat: '1795733929.7674115',
  rtt_us: '3183',
}
const STOPPING_HASH = {
  ...RUNNING_HASH,
  quiet: 'true',
  rss: '29964',
  beat: '1795733939.7748713',
  rtt_us: '68',
}
const IDENTITY = 'vm:1485:d8cf4e0079b3'
/** Sidekiq 7's `info` (launcher.rb `to_data`) adds weights, version and embedded. */
const SIDEKIQ7_INFO =
  '{"hostname":"web-1","started_at":1795733929.7,"pid":77,"tag":"","concurrency":5,"queues":["default"],"weights":[{"default":0}],"labels":[],"identity":"web-1:77:0a1b2c3d4e5f","version":"7.3.9","embedded":false}'

function raw(hash: Record<string, string>, key = IDENTITY): string {
  return liveSetRecordText({ key, hash, ttlMs: null, readAtMs: null })
}

function decodeOk(text: string): Heartbeat {
  const result = decodeSidekiqProcess(text)
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  expect(result.heartbeats).toHaveLength(1)
  return result.heartbeats[0] as Heartbeat
}

function reason(text: string): string {
  const result = decodeSidekiqProcess(text)
  if (result.ok) throw new Error('accepted')
  return result.reason
}

describe('Sidekiq process records', () => {
  it('reads the tag as the service, the identity as the instance, beat as the marker', () => {
    const heartbeat = decodeOk(raw(RUNNING_HASH))
    expect(heartbeat).toMatchObject({
      service: 'captag',
      instance: IDENTITY,
      host: 'vm',
      declaredIntervalMs: SIDEKIQ6_BEAT_MS,
      reported: 'busy 0/1',
      goodbye: false,
      beatMarker: '1795733929.7674115',
    })
    expect(heartbeat.sentAtMs).toBeCloseTo(1795733929767.411, 0)
    expect(heartbeat.fields.info).toMatchObject({ pid: 1485, queues: ['capq'] })
    expect(heartbeat.fields.rss).toBe('29788')
  })

  it('reports quiet while it shuts down', () => {
    expect(decodeOk(raw(STOPPING_HASH))).toMatchObject({
      reported: 'quiet',
      beatMarker: '1795733939.7748713',
    })
  })

  it('falls back to the hostname without a tag, and expects Sidekiq 7 every 10 s', () => {
    const heartbeat = decodeOk(
      raw({ ...RUNNING_HASH, info: SIDEKIQ7_INFO, busy: '2' }, 'web-1:77:0a1b2c3d4e5f'),
    )
    expect(heartbeat).toMatchObject({
      service: 'web-1',
      instance: 'web-1:77:0a1b2c3d4e5f',
      host: 'web-1',
      declaredIntervalMs: SIDEKIQ7_BEAT_MS,
      reported: 'busy 2/5',
    })
  })

  it('tells a clean stop (hash left to expire) from an expired hash', () => {
    expect(sidekiqLeftCleanly(STOPPING_HASH)).toBe(true)
    expect(sidekiqLeftCleanly(null)).toBe(false)
  })

  it('rejects malformed records with the reason', () => {
    const { info: _info, ...noInfo } = RUNNING_HASH
    expect(reason(raw(noInfo))).toBe(`${IDENTITY}: missing info`)
    expect(reason(raw({ ...RUNNING_HASH, info: '{"hostname": ' }))).toMatch(
      new RegExp(`^${IDENTITY}: info: bad JSON`),
    )
    expect(reason(raw({ ...RUNNING_HASH, info: '[]' }))).toBe(
      `${IDENTITY}: info: message is not a JSON object`,
    )
    const { beat: _beat, ...noBeat } = RUNNING_HASH
    expect(reason(raw(noBeat))).toBe(`${IDENTITY}: missing beat`)
    expect(reason(raw({ ...RUNNING_HASH, beat: 'soon' }))).toBe(
      `${IDENTITY}: beat must be epoch seconds, got "soon"`,
    )
    expect(reason(raw({ ...RUNNING_HASH, info: '{"hostname": 5}' }))).toBe(
      `${IDENTITY}: info.hostname must be a string, got number`,
    )
    expect(reason(raw({ ...RUNNING_HASH, info: `{"tag": "${'t'.repeat(300)}"}` }))).toBe(
      `${IDENTITY}: tag longer than 256`,
    )
    expect(reason(liveSetRecordText({ key: IDENTITY, error: 'WRONGTYPE Operation against a key' }))).toBe(
      `reading ${IDENTITY}: WRONGTYPE Operation against a key`,
    )
  })
})
