/** The small pure pieces behind the detail pane, the menus and the forms. */
import { describe, expect, it } from 'vitest'
import type { CommandResult, UiCommand } from '../../shared/api'
import { durationText, parseDurationText } from './duration-text'
import { keyMetricTexts } from './key-metrics'
import { resolveTarget } from './open-target'
import { hashOf, routeFromHash } from './route'
import { nextMorning, snoozeChoices } from './snooze-choices'
import { replaceSource } from './source-edit'
import { sparkline } from './sparkline'
import { instanceView, transitionView } from './test-support/views'
import { aliveShare, uptimeSpans, uptimeWindowMs } from './uptime'

describe('key metric texts', () => {
  it('shows each metric a row has, rounded to what a glance needs', () => {
    expect(keyMetricTexts({ cpuPercent: 12.5, memoryMb: 156.3 })).toEqual([
      { label: 'cpu', text: '12.5 %' },
      { label: 'mem', text: '156 MB' },
    ])
    expect(keyMetricTexts({ memoryMb: 2_048, load: 0.3 })).toEqual([
      { label: 'mem', text: '2 GB' },
      { label: 'load', text: '0.3' },
    ])
    expect(keyMetricTexts({ cpuPercent: 3.14159 })).toEqual([{ label: 'cpu', text: '3.14 %' }])
    expect(keyMetricTexts({})).toEqual([])
  })
})

describe('uptime spans', () => {
  const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()
  const ms = (minute: number): number => Date.parse(at(minute))

  it('walks the transitions across the window; before the first one from unknown nothing was known', () => {
    const spans = uptimeSpans(
      [
        transitionView({ from: 'unknown', to: 'alive', at: at(10) }),
        transitionView({ from: 'alive', to: 'stale', at: at(40) }),
        transitionView({ from: 'stale', to: 'dead', at: at(45) }),
        transitionView({ from: 'dead', to: 'alive', at: at(50) }),
      ],
      { state: 'alive', since: at(50) },
      ms(0),
      ms(60),
    )
    expect(spans.map((span) => [span.state, (span.endMs - span.startMs) / 60_000])).toEqual([
      [null, 10],
      ['alive', 30],
      ['stale', 5],
      ['dead', 5],
      ['alive', 10],
    ])
    expect(aliveShare(spans)).toBe(40 / 50)
  })

  it('without transitions, uses how long the current state has lasted', () => {
    const spans = uptimeSpans([], { state: 'dead', since: at(30) }, ms(0), ms(60))
    expect(spans.map((span) => span.state)).toEqual([null, 'dead'])
    expect(aliveShare(spans)).toBe(0)
    expect(aliveShare(uptimeSpans([], { state: 'alive', since: at(90) }, ms(0), ms(60)))).toBeNull()
  })
})

describe('uptime window', () => {
  const now = Date.parse('2026-01-01T02:00:00Z')
  const born = (at: string) => [transitionView({ from: 'unknown', to: 'alive', at })]

  it('covers the life of a young instance in whole minutes, an old one for the most', () => {
    expect(uptimeWindowMs(born('2026-01-01T01:59:53Z'), { since: '' }, now, 3_600_000)).toBe(60_000)
    expect(uptimeWindowMs(born('2026-01-01T01:52:30Z'), { since: '' }, now, 3_600_000)).toBe(480_000)
    expect(uptimeWindowMs(born('2025-12-31T00:00:00Z'), { since: '' }, now, 3_600_000)).toBe(3_600_000)
    // Its first known change was not its birth: older than we know.
    const changed = [transitionView({ from: 'alive', to: 'stale', at: '2026-01-01T01:59:00Z' })]
    expect(uptimeWindowMs(changed, { since: '' }, now, 3_600_000)).toBe(3_600_000)
    expect(uptimeWindowMs([], { since: '2026-01-01T01:58:10Z' }, now, 3_600_000)).toBe(120_000)
  })
})

describe('sparkline', () => {
  it('places gaps against the stale and dead lines, and marks late ones', () => {
    const line = sparkline(
      [1_000, 1_600, 4_000],
      { staleAfterMs: 1_500, deadAfterMs: 3_000 },
      { widthPx: 108, heightPx: 58 },
    )
    expect(line.points.map((point) => point.level)).toEqual(['ok', 'stale', 'dead'])
    expect(line.points.map((point) => point.x)).toEqual([4, 54, 104])
    expect(line.points[2]?.y).toBe(4)
    expect(line.deadY).toBeLessThan(line.staleY)
    expect(line.path).toMatch(/^M4 [\d.]+ L54 [\d.]+ L104 4$/)
    expect(line.openPoint).toBeNull()
  })

  it('adds the silence since the last heartbeat as an open point at the end', () => {
    const line = sparkline(
      [1_000],
      { staleAfterMs: 1_500, deadAfterMs: 3_000 },
      { widthPx: 108, heightPx: 58 },
      2_000,
    )
    expect(line.points).toHaveLength(1)
    expect(line.openPoint).toMatchObject({ x: 104, gapMs: 2_000, level: 'stale' })
  })
})

describe('durations typed by people', () => {
  it('reads and writes them', () => {
    expect(parseDurationText('90')).toBe(90_000)
    expect(parseDurationText('30s')).toBe(30_000)
    expect(parseDurationText('2 min')).toBe(120_000)
    expect(parseDurationText('1h30m')).toBe(5_400_000)
    expect(parseDurationText('250ms')).toBe(250)
    expect(parseDurationText('soon')).toBeNull()
    expect(parseDurationText('5 parsecs')).toBeNull()
    expect(durationText(60_000)).toBe('1m')
    expect(durationText(5_400_000)).toBe('1h30m')
    expect(durationText(86_400_000)).toBe('1d')
    expect(durationText(1_500)).toBe('1500ms')
  })
})

describe('snooze choices', () => {
  it('ends "until tomorrow" at the next 08:00 local time at least an hour away', () => {
    const evening = new Date(2026, 2, 10, 21, 30).getTime()
    expect(new Date(nextMorning(evening))).toEqual(new Date(2026, 2, 11, 8, 0))
    const night = new Date(2026, 2, 11, 2, 0).getTime()
    expect(new Date(nextMorning(night))).toEqual(new Date(2026, 2, 11, 8, 0))
    const dawn = new Date(2026, 2, 11, 7, 30).getTime()
    expect(new Date(nextMorning(dawn))).toEqual(new Date(2026, 2, 12, 8, 0))
    expect(snoozeChoices(evening).map((choice) => choice.label)).toEqual([
      'For 1 hour',
      'For 4 hours',
      'For 8 hours',
      'Until tomorrow 08:00',
    ])
    expect(snoozeChoices(night).at(-1)?.label).toBe('Until 08:00')
  })
})

describe('routes', () => {
  it('round-trips views and instance ids through the hash', () => {
    const id = 'redis://h:6379/0?pattern=a:*|svc name|inst/1'
    expect(routeFromHash(hashOf({ tab: 'services', selectedId: id }))).toEqual({
      tab: 'services',
      selectedId: id,
    })
    expect(routeFromHash('#/sources')).toEqual({ tab: 'sources', selectedId: null })
    expect(routeFromHash('')).toEqual({ tab: 'services', selectedId: null })
    expect(routeFromHash('#/services/%E0%A4%A')).toEqual({ tab: 'services', selectedId: null })
  })
})

describe('editing a source', () => {
  function engine(answers: Record<string, CommandResult[]>) {
    const sent: string[] = []
    const send = async (command: UiCommand): Promise<CommandResult> => {
      sent.push(
        command.type === 'addSource'
          ? `add ${command.url}`
          : command.type === 'removeSource'
            ? `remove ${command.id}`
            : command.type,
      )
      return answers[command.type]?.shift() ?? { ok: true }
    }
    return { send, sent }
  }

  it('adds the new URL before removing the old, so a refused URL loses nothing', async () => {
    const ok = engine({})
    expect(await replaceSource(ok.send, 'old', 'new')).toEqual({ ok: true })
    expect(ok.sent).toEqual(['add new', 'remove old'])

    const refused = engine({ addSource: [{ ok: false, error: 'unknown scheme' }] })
    expect(await replaceSource(refused.send, 'old', 'bad://')).toEqual({ ok: false, error: 'unknown scheme' })
    expect(refused.sent).toEqual(['add bad://'])
  })

  it('removes first when both have the same id (only the password changed)', async () => {
    const same = engine({ addSource: [{ ok: false, error: 'already watching old' }, { ok: true }] })
    expect(await replaceSource(same.send, 'old', 'old-with-password')).toEqual({ ok: true })
    expect(same.sent).toEqual(['add old-with-password', 'remove old', 'add old-with-password'])
  })
})

describe('notification targets', () => {
  it('opens an instance, a service’s worst instance, or the sources', () => {
    const alive = instanceView('svc|a')
    const dead = instanceView('svc|b', { state: 'dead' })
    const services = new Map([alive, dead].map((instance) => [instance.id, instance]))
    expect(resolveTarget(alive.id, services, [])).toEqual({ kind: 'instance', id: alive.id })
    expect(resolveTarget('redis://x|svc', services, [])).toEqual({ kind: 'instance', id: dead.id })
    expect(resolveTarget('redis://x', services, ['redis://x'])).toEqual({ kind: 'source', id: 'redis://x' })
    expect(resolveTarget('nothing', services, [])).toBeNull()
  })
})
