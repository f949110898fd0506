import { describe, expect, it } from 'vitest'
import type { DecodeResult, Heartbeat } from '../heartbeat'
import { decodePing } from './ping'

function only(result: DecodeResult): Heartbeat {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  return result.heartbeats[0] as Heartbeat
}

function reason(result: DecodeResult): string {
  if (result.ok) throw new Error('accepted')
  return result.reason
}

const ping = (fields: Record<string, unknown>): DecodeResult => decodePing(JSON.stringify(fields))

describe('healthchecks-style ping', () => {
  it('is a heartbeat of the service named in its path, reporting how the run went', () => {
    expect(only(ping({ service: 'backup', kind: 'success' }))).toMatchObject({
      service: 'backup',
      instance: 'backup',
      host: null,
      reported: 'ok',
      declaredIntervalMs: null,
      goodbye: false,
      fields: { ping: 'success' },
    })
    expect(only(ping({ service: 'backup', kind: 'start' })).reported).toBe('started')
    expect(only(ping({ service: 'backup', kind: 'fail' })).reported).toBe('failed')
  })

  it('shows the duration of a run that ended, and a posted body', () => {
    const done = only(
      ping({ service: 'backup', kind: 'success', durationMs: 1234.4, body: 'copied 3 files' }),
    )
    expect(done.fields).toEqual({ ping: 'success', lastRunDurationMs: 1234, body: 'copied 3 files' })
    expect(only(ping({ service: 'backup', kind: 'fail', durationMs: 50 })).fields.lastRunDurationMs).toBe(50)
    expect(only(ping({ service: 'backup', kind: 'success' })).fields).not.toHaveProperty('lastRunDurationMs')
  })

  it('takes names of letters, digits, dot, dash and underscore', () => {
    for (const name of ['backup', 'db.nightly-2', 'A_b', 'a..b', 'x'.repeat(128)]) {
      expect(only(ping({ service: name, kind: 'success' })).service).toBe(name)
    }
  })

  it('refuses anything that could be a path or is not a plain name', () => {
    const refused = [
      '',
      '.',
      '..',
      '...',
      '../etc',
      'a/b',
      'a\\b',
      'a b',
      'caf\u00e9',
      'a\u0000',
      '%2e%2e',
      'x'.repeat(129),
    ]
    for (const name of refused) {
      expect(reason(ping({ service: name, kind: 'success' }))).toMatch(/^ping service name/)
    }
  })

  it('refuses malformed pings with a reason', () => {
    expect(reason(decodePing('nope'))).toMatch(/^bad JSON/)
    expect(reason(ping({ kind: 'success' }))).toBe('ping service must be a string, got undefined')
    expect(reason(ping({ service: 'a', kind: 'finish' }))).toBe(
      'ping kind must be one of success, start, fail, got "finish"',
    )
    expect(reason(ping({ service: 'a', kind: 'success', durationMs: -1 }))).toMatch(
      /^ping durationMs must be/,
    )
    expect(reason(ping({ service: 'a', kind: 'success', body: 3 }))).toBe(
      'ping body must be a string, got number',
    )
  })
})
