/** A row's key metrics (src/main/core/key-metrics.ts picks them out of the payload), as text. */
import type { KeyMetrics } from '../../shared/model'

export interface KeyMetricText {
  label: 'cpu' | 'mem' | 'load'
  text: string
}

export function keyMetricTexts(metrics: KeyMetrics): KeyMetricText[] {
  const texts: KeyMetricText[] = []
  if (metrics.cpuPercent !== undefined) texts.push({ label: 'cpu', text: `${round(metrics.cpuPercent)} %` })
  if (metrics.memoryMb !== undefined) texts.push({ label: 'mem', text: formatMegabytes(metrics.memoryMb) })
  if (metrics.load !== undefined) texts.push({ label: 'load', text: round(metrics.load) })
  return texts
}

function formatMegabytes(megabytes: number): string {
  return megabytes >= 1024 ? `${round(megabytes / 1024)} GB` : `${round(megabytes)} MB`
}

function round(value: number): string {
  return value >= 100
    ? value.toFixed(0)
    : value >= 10
      ? value.toFixed(1).replace(/\.0$/, '')
      : value.toFixed(2).replace(/\.?0+$/, '')
}
