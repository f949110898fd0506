/**
 * The transition history on disk: append-only JSON lines, rotated past a size so it never grows without
 * bound (the current file and one older). A line that cannot be read is skipped, never fatal.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, statSync } from 'node:fs'
import type { TransitionView } from '../../shared/model'

export const ROTATE_AT_BYTES = 4 * 1024 * 1024

export class HistoryFile {
  constructor(private readonly path: string) {}

  append(transitions: readonly TransitionView[]): void {
    if (transitions.length === 0) return
    if (existsSync(this.path) && statSync(this.path).size >= ROTATE_AT_BYTES)
      renameSync(this.path, `${this.path}.1`)
    appendFileSync(this.path, transitions.map((transition) => `${JSON.stringify(transition)}\n`).join(''), {
      mode: 0o600,
    })
  }

  /** The last `limit` transitions, oldest first, from the older file and the current one. */
  readLast(limit: number): TransitionView[] {
    const lines = [`${this.path}.1`, this.path].flatMap((file) =>
      existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [],
    )
    const transitions: TransitionView[] = []
    for (const line of lines.slice(-limit - 1)) {
      const transition = parseLine(line)
      if (transition) transitions.push(transition)
    }
    return transitions.slice(-limit)
  }
}

function parseLine(line: string): TransitionView | null {
  if (line.trim() === '') return null
  try {
    const value = JSON.parse(line) as Partial<TransitionView>
    const fields = [
      value.id,
      value.service,
      value.instance,
      value.source,
      value.from,
      value.to,
      value.at,
      value.reason,
    ]
    return fields.every((field) => typeof field === 'string') ? (value as TransitionView) : null
  } catch {
    return null
  }
}
