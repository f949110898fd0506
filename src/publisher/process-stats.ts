/** This process's resource use as seed 001 reports it: resident memory, and CPU since the last sample. */
import { performance } from 'node:perf_hooks'

const BYTES_PER_MB = 1024 * 1024

export function residentMemoryMb(): number {
  return process.memoryUsage().rss / BYTES_PER_MB
}

/**
 * Returns a sampler of CPU use (user + system, % of one core, so above 100 on several cores, like psutil)
 * over the wall time since its previous call. The first call covers the process's whole life so far:
 * performance.now() and process.cpuUsage() both count from process start.
 */
export function createCpuSampler(): () => number {
  let previousCpu: NodeJS.CpuUsage = { user: 0, system: 0 }
  let previousWallMs = 0
  return () => {
    const wallMs = performance.now()
    const cpu = process.cpuUsage()
    const cpuMicros = cpu.user - previousCpu.user + (cpu.system - previousCpu.system)
    const elapsedMicros = (wallMs - previousWallMs) * 1000
    previousCpu = cpu
    previousWallMs = wallMs
    return elapsedMicros > 0 ? (cpuMicros / elapsedMicros) * 100 : 0
  }
}
