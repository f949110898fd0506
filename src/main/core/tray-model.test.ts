import { describe, expect, it } from 'vitest'
import type { ServiceState, ServiceView, SourceView } from '../../shared/model'
import { localClock, snoozeLabel, snoozeUntilMs } from '../../shared/snooze-choices'
import { buildTrayModel, MAX_TOOLTIP, trayImageFile, type TrayInput, type TrayMenuItem } from './tray-model'

const SOURCE = 'redis://prod'
// 2026-11-26 12:00 UTC; the zone is UTC+1 unless a test says otherwise.
const NOON = Date.UTC(2026, 10, 26, 12)
const CET = (): number => 60

function view(
  service: string,
  instance: string,
  state: ServiceState,
  over: Partial<ServiceView> = {},
): ServiceView {
  return {
    id: `${SOURCE}|${service}|${instance}`,
    service,
    instance,
    host: null,
    source: SOURCE,
    state,
    since: new Date(NOON).toISOString(),
    lastSeen: null,
    ageMs: null,
    expectedIntervalMs: 1_000,
    intervalOrigin: 'default',
    staleAfterMs: 1_500,
    deadAfterMs: 3_000,
    reported: null,
    skewMs: null,
    phi: null,
    heartbeats: 1,
    metrics: {},
    payload: {},
    gapsMs: [],
    replacedBy: null,
    replaces: null,
    muted: null,
    ...over,
  }
}

function source(
  id: string,
  state: SourceView['state'] = 'connected',
  over: Partial<SourceView> = {},
): SourceView {
  return {
    id,
    url: id,
    kind: 'redis',
    state,
    since: new Date(NOON).toISOString(),
    lastError: null,
    received: 0,
    rejected: 0,
    lastRejections: [],
    details: {},
    ...over,
  }
}

function tray(services: ServiceView[], over: Partial<TrayInput> = {}) {
  return buildTrayModel({
    services,
    sources: [source(SOURCE)],
    alerts: { snoozedUntil: null },
    nowWallMs: NOON,
    utcOffsetMinutes: CET,
    ...over,
  })
}

/** The menu in words: "label → command", submenus indented. */
function menuText(items: TrayMenuItem[], indent = ''): string[] {
  return items.flatMap((item) => {
    if (item.type === 'separator') return [`${indent}---`]
    if (item.type === 'submenu') return [`${indent}${item.label} ▸`, ...menuText(item.items, `${indent}  `)]
    const command = item.command
    const what =
      command === null
        ? '(disabled)'
        : command.type === 'open'
          ? `open ${command.target ?? 'window'}`
          : command.type === 'snooze'
            ? `snooze ${command.choice}`
            : 'quit'
    return [`${indent}${item.label} → ${what}`]
  })
}

describe('tray state and icon, for every mix of states', () => {
  const cases: [string, ServiceState[], string][] = [
    ['all alive', ['alive', 'alive'], 'alive'],
    ['one stale', ['alive', 'stale'], 'stale'],
    ['one dead among stale and alive', ['alive', 'stale', 'dead'], 'dead'],
    ['one unknown among alive', ['alive', 'unknown'], 'unknown'],
    ['stale beats unknown', ['unknown', 'stale'], 'stale'],
    ['dead beats unknown', ['unknown', 'dead'], 'dead'],
    ['gone and stopped do not count', ['alive', 'gone', 'stopped'], 'alive'],
    ['only gone and stopped: nothing known', ['gone', 'stopped'], 'unknown'],
    ['nothing yet', [], 'unknown'],
  ]
  for (const [name, states, expected] of cases) {
    it(name, () => {
      const model = tray(states.map((state, index) => view(`s${index}`, `s${index}`, state)))
      expect(model.state).toBe(expected)
      expect(model.icon).toBe(expected)
    })
  }

  it('takes the worse of liveness and reported health', () => {
    expect(tray([view('a', 'a', 'alive', { reported: 'not_responding' })]).state).toBe('dead')
    expect(tray([view('a', 'a', 'alive', { reported: 'not_ok' })]).state).toBe('dead')
    expect(tray([view('a', 'a', 'alive', { reported: 'Failed' })]).state).toBe('dead')
    expect(tray([view('a', 'a', 'alive', { reported: 'degraded' })]).state).toBe('stale')
    expect(tray([view('a', 'a', 'stale', { reported: 'error' })]).state).toBe('dead')
    // Seed 000 writes `disconnected` for a crash and a clean stop alike: ageing decides, not the word.
    expect(tray([view('a', 'a', 'alive', { reported: 'disconnected' })]).state).toBe('alive')
    expect(tray([view('a', 'a', 'alive', { reported: 'busy 2/10' })]).state).toBe('alive')
    // What a silent instance last said is old news.
    expect(tray([view('a', 'a', 'unknown', { reported: 'failed' })]).state).toBe('unknown')
  })

  it('is grey with no source, or with a source down, whatever else is alive', () => {
    expect(tray([], { sources: [] }).icon).toBe('unknown')
    const sources = [source(SOURCE), source('amqp://mq', 'disconnected', { lastError: 'ECONNREFUSED' })]
    expect(tray([view('a', 'a', 'alive')], { sources }).icon).toBe('unknown')
    expect(tray([view('a', 'a', 'dead')], { sources }).icon).toBe('dead')
  })

  it('is hollow when snoozed, or when the worst there is has been muted', () => {
    const snoozed = { snoozedUntil: new Date(NOON + 3_600_000).toISOString() }
    expect(tray([view('a', 'a', 'alive')], { alerts: snoozed }).icon).toBe('alive-hollow')
    expect(tray([view('a', 'a', 'dead')], { alerts: snoozed }).icon).toBe('dead-hollow')
    const expired = { snoozedUntil: new Date(NOON - 1).toISOString() }
    expect(tray([view('a', 'a', 'alive')], { alerts: expired }).icon).toBe('alive')

    const muted = { muted: { until: null } }
    expect(tray([view('a', 'a', 'dead', muted), view('b', 'b', 'alive')]).icon).toBe('dead-hollow')
    expect(tray([view('a', 'a', 'dead', muted), view('b', 'b', 'stale')]).icon).toBe('dead-hollow')
    expect(tray([view('a', 'a', 'dead', muted), view('b', 'b', 'dead')]).icon).toBe('dead')
    // A muted alive instance silences nothing.
    expect(tray([view('a', 'a', 'alive', muted)]).icon).toBe('alive')
  })
})

describe('tray tooltip', () => {
  it('counts instances by state, worst first, and says what else matters', () => {
    const model = tray(
      [
        view('a', 'a', 'alive'),
        view('b', 'b', 'alive', { reported: 'failed' }),
        view('c', 'c', 'dead'),
        view('d', 'd', 'stale'),
        view('e', 'e', 'gone'),
      ],
      {
        sources: [source(SOURCE), source('amqp://mq', 'disconnected')],
        alerts: { snoozedUntil: new Date(Date.UTC(2026, 10, 27, 7)).toISOString() },
      },
    )
    expect(model.tooltip).toBe(
      'heartbeat-tray: 1 dead, 1 stale, 2 alive\n1 reporting trouble, 1 source down\nSnoozed until tomorrow 08:00',
    )
  })

  it('tells a source still connecting from one that is down', () => {
    const sources = [source(SOURCE, 'connecting'), source('amqp://mq', 'disconnected')]
    expect(tray([], { sources }).tooltip).toBe(
      'heartbeat-tray: no heartbeats yet\n1 source down, 1 connecting',
    )
  })

  it('says when there is nothing to count, and never passes the Windows limit', () => {
    expect(tray([], { sources: [] }).tooltip).toBe('heartbeat-tray: no sources')
    expect(tray([]).tooltip).toBe('heartbeat-tray: no heartbeats yet')
    const many = Array.from({ length: 40 }, (_, index) => source(`redis://host-${index}`, 'disconnected'))
    const long = tray([view('a', 'a', 'alive')], {
      sources: many,
      alerts: { snoozedUntil: new Date(NOON + 1_000).toISOString() },
    }).tooltip
    expect(long.length).toBeLessThanOrEqual(MAX_TOOLTIP)
  })
})

describe('tray menu', () => {
  it('lists sources down, then services not alive (worst first, by name), then snooze, open and quit', () => {
    const model = tray(
      [
        view('mailer', 'mailer', 'stale'),
        view('tracker_fetcher', 'a1', 'dead'),
        view('tracker_fetcher', 'b2', 'alive'),
        view('tracker_fetcher', 'c3', 'alive'),
        view('billing', 'billing', 'alive', { reported: 'not_responding' }),
        view('geo', 'geo', 'dead', { muted: { until: null } }),
        view('fine', 'fine', 'alive'),
        view('queue-worker', 'q', 'alive', { source: 'amqp://mq', id: 'amqp://mq|queue-worker|q' }),
      ],
      {
        sources: [
          source(SOURCE, 'connected'),
          source('amqp://mq', 'disconnected', { lastError: 'connect ECONNREFUSED' }),
          source('redis://other', 'connected', { degraded: { since: '', reason: '7 of 10 fell silent' } }),
        ],
      },
    )
    expect(menuText(model.menu)).toEqual([
      'amqp://mq — disconnected: connect ECONNREFUSED → open amqp://mq',
      'redis://other — degraded → open redis://other',
      `billing — reports not_responding → open ${SOURCE}|billing|billing`,
      `geo — dead (muted) → open ${SOURCE}|geo|geo`,
      `tracker_fetcher — 1 of 3 dead → open ${SOURCE}|tracker_fetcher|a1`,
      `mailer — stale → open ${SOURCE}|mailer|mailer`,
      '---',
      'Snooze notifications ▸',
      '  1 hour → snooze 1h',
      '  4 hours → snooze 4h',
      '  8 hours → snooze 8h',
      '  Until tomorrow 08:00 → snooze morning',
      'Open heartbeat-tray → open window',
      '---',
      'Quit → quit',
    ])
  })

  it('says all is well, or what it waits for, when nothing is wrong', () => {
    expect(menuText(tray([view('a', 'a', 'alive')]).menu)[0]).toBe('All alive → (disabled)')
    expect(menuText(tray([]).menu)[0]).toBe('Waiting for heartbeats → (disabled)')
    expect(menuText(tray([], { sources: [] }).menu)[0]).toBe('No sources → (disabled)')
  })

  it('lists at most ten problems, then opens the window for the rest', () => {
    const dead = Array.from({ length: 14 }, (_, index) =>
      view(`s${String(index).padStart(2, '0')}`, 'x', 'dead'),
    )
    const lines = menuText(tray(dead).menu)
    expect(lines[9]).toBe(`s09 — dead → open ${SOURCE}|s09|x`)
    expect(lines[10]).toBe('+4 more… → open window')
    expect(lines[11]).toBe('---')
  })

  it('snoozes until this morning at night, and offers to resume while snoozed', () => {
    const night = Date.UTC(2026, 10, 26, 1) // 02:00 local
    const model = tray([], {
      nowWallMs: night,
      alerts: { snoozedUntil: new Date(night + 3_600_000).toISOString() },
    })
    expect(menuText(model.menu).slice(2, 9)).toEqual([
      'Snoozed until 03:00 ▸',
      '  Resume notifications → snooze off',
      '  ---',
      '  1 hour → snooze 1h',
      '  4 hours → snooze 4h',
      '  8 hours → snooze 8h',
      '  Until 08:00 → snooze morning',
    ])
  })
})

describe('snooze choices', () => {
  const clock = localClock(CET)
  it('snoozes for hours from the moment of the click', () => {
    expect(snoozeUntilMs('1h', NOON, clock)).toBe(NOON + 3_600_000)
    expect(snoozeUntilMs('8h', NOON, clock)).toBe(NOON + 8 * 3_600_000)
  })

  it('snoozes until the next local 08:00 at least an hour away', () => {
    expect(snoozeUntilMs('morning', NOON, clock)).toBe(Date.UTC(2026, 10, 27, 7))
    expect(snoozeUntilMs('morning', Date.UTC(2026, 10, 26, 1), clock)).toBe(Date.UTC(2026, 10, 26, 7))
    // 07:30 local: this morning's 08:00 is too close to be what was meant.
    expect(snoozeUntilMs('morning', Date.UTC(2026, 10, 26, 6, 30), clock)).toBe(Date.UTC(2026, 10, 27, 7))
    expect(snoozeLabel('morning', Date.UTC(2026, 10, 26, 6, 30), clock)).toBe('Until tomorrow 08:00')
  })

  it('finds 08:00 local across a daylight-saving change', () => {
    // Europe/Berlin: +2 until 2026-10-25 01:00 UTC, then +1.
    const berlin = localClock((wallMs) => (wallMs < Date.UTC(2026, 9, 25, 1) ? 120 : 60))
    const evening = Date.UTC(2026, 9, 24, 20) // Saturday 22:00 local, summer time
    expect(snoozeUntilMs('morning', evening, berlin)).toBe(Date.UTC(2026, 9, 25, 7))
    expect(snoozeLabel('morning', evening, berlin)).toBe('Until tomorrow 08:00')
  })
})

describe('tray image files', () => {
  it('picks a drawing per platform, all of which exist in resources/tray', async () => {
    const { existsSync } = await import('node:fs')
    expect(trayImageFile('alive', 'darwin')).toBe('aliveTemplate.png')
    expect(trayImageFile('unknown-hollow', 'darwin')).toBe('unknown-hollowTemplate.png')
    expect(trayImageFile('dead', 'darwin')).toBe('dead.png')
    expect(trayImageFile('stale-hollow', 'win32')).toBe('stale-hollow.png')
    expect(trayImageFile('dead', 'linux')).toBe('dead-32.png')
    for (const icon of ['alive', 'stale', 'dead', 'unknown'] as const)
      for (const name of [icon, `${icon}-hollow` as const])
        for (const platform of ['darwin', 'win32', 'linux']) {
          const file = `resources/tray/${trayImageFile(name, platform)}`
          expect(existsSync(file), file).toBe(true)
          expect(existsSync(file.replace('.png', '@2x.png')), file).toBe(true)
        }
  })
})
