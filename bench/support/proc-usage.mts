/**
 * A process's resident memory and CPU time, read from Linux's /proc from outside: the measured process
 * does nothing to be measured, so an idle one stays idle.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

/** Resident set size (VmRSS), in MB. */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS (has the process exited?)`)
  return Number(match[1]) / 1024
}

/** User + system CPU seconds the process has used so far, all its threads counted. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces and parentheses: fields are counted from after it, so
  // utime and stime (fields 14 and 15 of proc(5)) are the 12th and 13th there.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}
