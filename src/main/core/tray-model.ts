/**
 * The tray as data (issue 4): the overall state, which icon, the tooltip and the context menu. The
 * Electron shell (src/main/electron/tray.ts) only hands this to Electron.
 *
 * The overall state is the worst, over every live instance, of its liveness and its reported health
 * (DESIGN.md: "the worst of the two decides the tray"). A source we cannot watch counts as unknown.
 */
import type { AlertState, ServiceState, ServiceRow, SourceView } from '../../shared/model'
import { serviceIdOf } from '../../shared/rollup'
import { reportedSeverity } from './reported-health'
import {
  localClock,
  SNOOZE_CHOICES,
  snoozeLabel,
  type LocalClock,
  type SnoozeChoice,
} from '../../shared/snooze-choices'

export type TrayState = 'alive' | 'stale' | 'dead' | 'unknown'

/** A file in resources/tray/: the state's colour, hollow when what it shows is silenced. */
export type TrayIconName = TrayState | `${TrayState}-hollow`

export type TrayCommand =
  /** Show the window, on an instance, service or source if given. */
  | { type: 'open'; target: string | null }
  /** Snooze by a choice, turned into a time when clicked (snoozeUntilMs); 'off' resumes. */
  | { type: 'snooze'; choice: SnoozeChoice | 'off' }
  | { type: 'quit' }

export type TrayMenuItem =
  | { type: 'item'; label: string; command: TrayCommand | null }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }

export interface TrayModel {
  state: TrayState
  icon: TrayIconName
  tooltip: string
  menu: TrayMenuItem[]
}

export interface TrayInput {
  services: Iterable<ServiceRow>
  sources: readonly SourceView[]
  alerts: AlertState
  nowWallMs: number
  /** Minutes east of UTC at a wall time (the shell: `-new Date(ms).getTimezoneOffset()`). */
  utcOffsetMinutes: (wallMs: number) => number
}

/** Windows cuts tray tooltips at 127 characters. */
export const MAX_TOOLTIP = 127
/** Problems listed in the menu before "+N more". */
export const MAX_PROBLEMS = 10

const RANK: Record<TrayState, number> = { alive: 0, unknown: 1, stale: 2, dead: 3 }
const worse = (a: TrayState, b: TrayState): TrayState => (RANK[b] > RANK[a] ? b : a)

/** One instance's say in the tray: liveness and reported health, the worse of the two; none if it left. */
export function trayStateOf(view: Pick<ServiceRow, 'state' | 'reported'>): TrayState | null {
  switch (view.state) {
    case 'gone':
    case 'stopped':
      return null
    case 'unknown':
    case 'dead':
      return view.state
    case 'stale':
    case 'alive':
      return worse(view.state, reportedSeverity(view.reported))
  }
}

interface ServiceProblem {
  target: string
  label: string
  state: TrayState
  name: string
}

export function buildTrayModel(input: TrayInput): TrayModel {
  const snoozedUntilMs = input.alerts.snoozedUntil === null ? null : Date.parse(input.alerts.snoozedUntil)
  const snoozed = snoozedUntilMs !== null && snoozedUntilMs > input.nowWallMs
  const downSources = input.sources.filter((source) => source.state !== 'connected')
  const downIds = new Set(downSources.map((source) => source.id))

  const counts = new Map<ServiceState, number>()
  const groups = new Map<string, ServiceRow[]>()
  let overall: TrayState = input.sources.length === 0 || downSources.length > 0 ? 'unknown' : 'alive'
  let unmutedWorst: TrayState = overall
  let liveInstances = 0
  let reportingTrouble = 0
  for (const view of input.services) {
    counts.set(view.state, (counts.get(view.state) ?? 0) + 1)
    const state = trayStateOf(view)
    if (state === null) continue
    liveInstances++
    if (state !== view.state && view.state !== 'unknown') reportingTrouble++
    overall = worse(overall, state)
    if (!view.muted) unmutedWorst = worse(unmutedWorst, state)
    const group = groups.get(serviceIdOf(view))
    if (group) group.push(view)
    else groups.set(serviceIdOf(view), [view])
  }
  if (liveInstances === 0) overall = unmutedWorst = worse(overall, 'unknown')
  // Hollow: snoozed, or the worst there is has been muted (what still calls for attention is milder).
  const hollow = snoozed || (overall !== 'alive' && RANK[unmutedWorst] < RANK[overall])

  const clock = localClock(input.utcOffsetMinutes)
  const tooltip = tooltipText(
    counts,
    reportingTrouble,
    downSources.filter((source) => source.state !== 'connecting').length,
    downSources.filter((source) => source.state === 'connecting').length,
    snoozed ? snoozedUntilMs : null,
    clock,
    input,
  )
  const problems = [
    ...downSources.map((source) =>
      sourceItem(source, `${source.state}${source.lastError ? `: ${source.lastError}` : ''}`),
    ),
    ...input.sources
      .filter((source) => source.state === 'connected' && source.degraded)
      .map((source) => sourceItem(source, 'degraded')),
    ...serviceProblems(groups, downIds).map((problem): TrayMenuItem => ({
      type: 'item',
      label: problem.label,
      command: { type: 'open', target: problem.target },
    })),
  ]
  return {
    state: overall,
    icon: hollow ? `${overall}-hollow` : overall,
    tooltip,
    menu: [
      ...problemSection(problems, input, liveInstances),
      { type: 'separator' },
      snoozeMenu(snoozed ? snoozedUntilMs : null, input, clock),
      { type: 'item', label: 'Open heartbeat-tray', command: { type: 'open', target: null } },
      { type: 'separator' },
      { type: 'item', label: 'Quit', command: { type: 'quit' } },
    ],
  }
}

function tooltipText(
  counts: Map<ServiceState, number>,
  reportingTrouble: number,
  sourcesDown: number,
  sourcesConnecting: number,
  snoozedUntilMs: number | null,
  clock: LocalClock,
  input: TrayInput,
): string {
  const byState = (['dead', 'stale', 'unknown', 'alive'] as const)
    .filter((state) => (counts.get(state) ?? 0) > 0)
    .map((state) => `${counts.get(state)} ${state}`)
  const lines = [
    `heartbeat-tray: ${
      input.sources.length === 0
        ? 'no sources'
        : byState.length === 0
          ? 'no heartbeats yet'
          : byState.join(', ')
    }`,
  ]
  const notes: string[] = []
  if (reportingTrouble > 0) notes.push(`${reportingTrouble} reporting trouble`)
  if (sourcesDown > 0) notes.push(`${sourcesDown} source${sourcesDown === 1 ? '' : 's'} down`)
  if (sourcesConnecting > 0) notes.push(`${sourcesConnecting} connecting`)
  if (notes.length > 0) lines.push(notes.join(', '))
  if (snoozedUntilMs !== null) lines.push(`Snoozed until ${clock.describe(snoozedUntilMs, input.nowWallMs)}`)
  const text = lines.join('\n')
  return text.length <= MAX_TOOLTIP ? text : `${text.slice(0, MAX_TOOLTIP - 1)}…`
}

function sourceItem(source: SourceView, what: string): TrayMenuItem {
  return { type: 'item', label: `${source.url} — ${what}`, command: { type: 'open', target: source.id } }
}

/** Services that are not alive, worst first, then by name; those of a source that is down are not news. */
function serviceProblems(groups: Map<string, ServiceRow[]>, downSources: Set<string>): ServiceProblem[] {
  const problems: ServiceProblem[] = []
  for (const members of groups.values()) {
    const first = members[0] as ServiceRow
    if (downSources.has(first.source)) continue
    let state: TrayState = 'alive'
    for (const member of members) state = worse(state, trayStateOf(member) ?? 'alive')
    if (state === 'alive') continue
    const inState = members.filter((member) => trayStateOf(member) === state)
    const muted = inState.every((member) => member.muted !== null)
    const label = `${first.service} — ${problemWords(members, inState, state)}${muted ? ' (muted)' : ''}`
    // Opens the instance in the worst state: the one to look at.
    const target = (inState[0] as ServiceRow).id
    problems.push({ target, label, state, name: first.service })
  }
  return problems.sort((a, b) => RANK[b.state] - RANK[a.state] || a.name.localeCompare(b.name))
}

/** "dead", "1 of 3 dead", "reports not_responding". */
function problemWords(members: ServiceRow[], inState: ServiceRow[], state: TrayState): string {
  const lone = inState.length === 1 ? inState[0] : undefined
  const reported =
    lone && lone.state !== state && lone.state !== 'unknown' ? `reports ${lone.reported}` : null
  const live = members.filter((member) => trayStateOf(member) !== null).length
  if (live === 1) return reported ?? state
  return `${inState.length} of ${live} ${reported ?? state}`
}

function problemSection(problems: TrayMenuItem[], input: TrayInput, liveInstances: number): TrayMenuItem[] {
  if (problems.length === 0) {
    const label =
      input.sources.length === 0 ? 'No sources' : liveInstances === 0 ? 'Waiting for heartbeats' : 'All alive'
    return [{ type: 'item', label, command: null }]
  }
  if (problems.length <= MAX_PROBLEMS) return problems
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      type: 'item',
      label: `+${problems.length - MAX_PROBLEMS} more…`,
      command: { type: 'open', target: null },
    },
  ]
}

function snoozeMenu(snoozedUntilMs: number | null, input: TrayInput, clock: LocalClock): TrayMenuItem {
  const choices = SNOOZE_CHOICES.map((choice): TrayMenuItem => ({
    type: 'item',
    label: snoozeLabel(choice, input.nowWallMs, clock),
    command: { type: 'snooze', choice },
  }))
  if (snoozedUntilMs === null) return { type: 'submenu', label: 'Snooze notifications', items: choices }
  return {
    type: 'submenu',
    label: `Snoozed until ${clock.describe(snoozedUntilMs, input.nowWallMs)}`,
    items: [
      { type: 'item', label: 'Resume notifications', command: { type: 'snooze', choice: 'off' } },
      { type: 'separator' },
      ...choices,
    ],
  }
}

/**
 * The image file (in resources/tray/) for an icon on a platform; Electron finds its @2x sibling. On
 * macOS the calm states use the menu bar's own monochrome (template images) and only stale and dead
 * are in colour, to catch the eye; Linux panels get the 32 px drawing, which they scale down crisply.
 */
export function trayImageFile(icon: TrayIconName, platform: string): string {
  if (platform === 'darwin') {
    const calm = icon.startsWith('alive') || icon.startsWith('unknown')
    return calm ? `${icon}Template.png` : `${icon}.png`
  }
  return platform === 'linux' ? `${icon}-32.png` : `${icon}.png`
}
