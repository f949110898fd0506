/**
 * The words of every notification the alert policy decides on. A notification names the service and
 * the instance ("tracker_fetcher: 1 of 3 instances dead", issue 8), and a summary names the source.
 */
import type { ServiceState, TransitionView } from '../../shared/model'
import { summarize } from '../../shared/rollup'
import type { Degraded } from './mass-silence'
import { describeAge } from './describe'

export type InstanceAlertKind = 'stale' | 'dead' | 'recovered' | 'flapping'

/** One instance's news, as it stands when released. */
export interface InstanceAlert {
  kind: InstanceAlertKind
  transition: TransitionView
}

export interface Text {
  title: string
  body: string
}

/** How many names a summary or a list spells out before "+N more". */
const NAMES_SHOWN = 4

/**
 * News of one service: one or more of its instances, all of one kind, released together. Counts are
 * the service's instances by state now.
 */
export function instanceText(alerts: readonly InstanceAlert[], counts: Record<ServiceState, number>): Text {
  const first = alerts[0]
  if (!first) throw new Error('instanceText needs at least one alert')
  const { service, source } = first.transition
  const live = counts.alive + counts.stale + counts.dead + counts.unknown
  const instances = alerts.map((alert) => alert.transition.instance)
  const reasons = new Set(alerts.map((alert) => alert.transition.reason))
  const who =
    instances.length === 1 && instances[0] === service
      ? ''
      : `${nameList(
          alerts.map((a) => a.transition),
          'instance',
        )} `
  const where = `${who}on ${source}`
  const why = reasons.size === 1 ? `: ${first.transition.reason}` : ''
  if (first.kind === 'flapping') {
    return {
      title: `${service} is flapping`,
      body: `${where} keeps changing state; no more alerts about it until it settles.`,
    }
  }
  if (first.kind === 'recovered') {
    if (live <= 1) return { title: `${service} recovered`, body: `${where}${why}` }
    const title =
      instances.length === 1
        ? `${service}: ${instances[0]} recovered`
        : `${service}: ${instances.length} instances recovered`
    return { title, body: `${summarize(counts)} (${source})` }
  }
  const state = first.kind
  const title =
    live > 1 ? `${service}: ${counts[state]} of ${live} instances ${state}` : `${service} is ${state}`
  return { title, body: `${where}${why}` }
}

/** A storm in one notification: "7 services dead on redis://prod". */
export function summaryText(alerts: readonly InstanceAlert[]): Text {
  const sources = new Set(alerts.map((alert) => alert.transition.source))
  const kinds = new Set(alerts.map((alert) => alert.kind))
  const services = new Set(alerts.map((alert) => `${alert.transition.source}|${alert.transition.service}`))
  const noun = services.size === alerts.length ? 'services' : 'instances'
  const what = kinds.size === 1 ? `${noun} ${KIND_WORD[alerts[0]?.kind ?? 'dead']}` : 'changes'
  const where = sources.size === 1 ? `on ${[...sources][0]}` : `on ${sources.size} sources`
  const byKind = KIND_ORDER.filter((kind) => kinds.has(kind)).map((kind) => {
    const ofKind = alerts.filter((alert) => alert.kind === kind)
    return `${KIND_WORD[kind]}: ${nameList(
      ofKind.map((alert) => alert.transition),
      'service',
    )}`
  })
  return { title: `${alerts.length} ${what} ${where}`, body: byKind.join('\n') }
}

/** A reminder that something is still dead, for one instance or several. */
export function reminderText(dead: readonly { transition: TransitionView; deadForMs: number }[]): Text {
  const [first] = dead
  if (dead.length === 1 && first) {
    const { service, instance, source } = first.transition
    const who = instance === service ? service : `${service} (${instance})`
    return {
      title: `${service} is still dead`,
      body: `${who} on ${source}, dead for ${describeAge(first.deadForMs)}`,
    }
  }
  return {
    title: `${dead.length} instances still dead`,
    body: nameList(
      dead.map((entry) => entry.transition),
      'service',
    ),
  }
}

export function sourceLostText(
  sourceId: string,
  error: string | null,
  everConnected: boolean,
  instances: number,
): Text {
  const why = error ?? 'disconnected'
  const unknown =
    instances === 0
      ? ''
      : ` Its ${plural(instances, 'instance')} ${instances === 1 ? 'is' : 'are'} unknown until it is back.`
  return {
    title: everConnected ? `Lost ${sourceId}` : `Cannot reach ${sourceId}`,
    body: `${why}.${unknown}`,
  }
}

export function sourceBackText(sourceId: string): Text {
  return {
    title: `${sourceId} is back`,
    body: 'Reconnected; each instance gets one stale interval of grace before it can be stale.',
  }
}

export function degradedText(sourceId: string, degraded: Degraded): Text {
  return {
    title: `${sourceId} looks degraded`,
    body:
      `${degraded.silent} of ${degraded.of} instances fell silent at once while the connection is up: ` +
      'more likely the source or the network than the services. Their own alerts wait until it clears.',
  }
}

export function degradedReason(degraded: Degraded): string {
  return `${degraded.silent} of ${degraded.of} instances fell silent at once while the connection is up`
}

export function degradedClearedText(sourceId: string, back: number, stillDead: number): Text {
  const dead = stillDead === 0 ? '' : `; ${stillDead} still dead`
  return {
    title: `${sourceId} is back to normal`,
    body: `${plural(back, 'silent instance')} spoke again${dead}.`,
  }
}

const KIND_ORDER: readonly InstanceAlertKind[] = ['dead', 'stale', 'flapping', 'recovered']
const KIND_WORD: Record<InstanceAlertKind, string> = {
  dead: 'dead',
  stale: 'stale',
  flapping: 'flapping',
  recovered: 'recovered',
}

/**
 * "tracker_fetcher (3), mailer, billing +4 more": services with how many of their instances, or the
 * instances themselves ("a1b2, c3d4").
 */
function nameList(transitions: readonly TransitionView[], by: 'service' | 'instance'): string {
  const counts = new Map<string, number>()
  for (const transition of transitions) {
    const name = transition[by]
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  const names = [...counts.entries()].map(([name, count]) => (count > 1 ? `${name} (${count})` : name))
  const more = names.length - NAMES_SHOWN
  return more > 0 ? `${names.slice(0, NAMES_SHOWN).join(', ')} +${more} more` : names.join(', ')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
