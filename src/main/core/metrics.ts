/** Prometheus text exposition of what the engine knows. */
import { SERVICE_STATES, type ServiceState, type SourceView } from '../../shared/model'

export function prometheusText(
  stateCounts: Record<ServiceState, number>,
  sources: readonly SourceView[],
): string {
  const lines: string[] = [
    '# HELP heartbeat_tray_instances Instances by liveness state.',
    '# TYPE heartbeat_tray_instances gauge',
  ]
  for (const state of SERVICE_STATES)
    lines.push(`heartbeat_tray_instances{state="${state}"} ${stateCounts[state]}`)
  lines.push(
    '# HELP heartbeat_tray_heartbeats_received_total Messages received per source.',
    '# TYPE heartbeat_tray_heartbeats_received_total counter',
  )
  for (const source of sources)
    lines.push(`heartbeat_tray_heartbeats_received_total{source="${label(source.url)}"} ${source.received}`)
  lines.push(
    '# HELP heartbeat_tray_heartbeats_rejected_total Messages rejected per source.',
    '# TYPE heartbeat_tray_heartbeats_rejected_total counter',
  )
  for (const source of sources)
    lines.push(`heartbeat_tray_heartbeats_rejected_total{source="${label(source.url)}"} ${source.rejected}`)
  lines.push(
    '# HELP heartbeat_tray_source_up Whether each source is connected (1) or not (0).',
    '# TYPE heartbeat_tray_source_up gauge',
  )
  for (const source of sources)
    lines.push(
      `heartbeat_tray_source_up{source="${label(source.url)}"} ${source.state === 'connected' ? 1 : 0}`,
    )
  return `${lines.join('\n')}\n`
}

export { emptyStateCounts } from '../../shared/rollup'

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}
