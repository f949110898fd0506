/**
 * The app's folder (Electron's userData, or headless `--data DIR`): the config the user edits and what
 * they muted. Every write is atomic; a damaged file is moved aside with a message.
 */
import { join } from 'node:path'
import { parseConfig, serializeConfig, type AppConfig } from '../core/config'
import { parseTolerantJson } from '../core/decode/tolerant-json'
import type { PersistedMutes } from '../core/mutes'
import { readJsonFile, writeFileAtomic } from './atomic-file'

export class DataDir {
  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** The saved config, or null if there is none (or it was damaged and moved aside). */
  loadConfig(): AppConfig | null {
    const file = join(this.path, 'config.json')
    const read = readJsonFile(
      file,
      (text) => {
        const parsed = parseConfig(text)
        return parsed.ok ? { ok: true, value: parsed.config } : parsed
      },
      Date.now(),
    )
    if (read.kind === 'corrupt')
      this.warn(`${file} was unreadable (${read.reason}); moved to ${read.movedTo}`)
    return read.kind === 'ok' ? read.value : null
  }

  saveConfig(config: AppConfig): void {
    writeFileAtomic(join(this.path, 'config.json'), `${JSON.stringify(serializeConfig(config), null, 2)}\n`)
  }

  loadMutes(): PersistedMutes | undefined {
    const file = join(this.path, 'mutes.json')
    const read = readJsonFile(file, parseMutes, Date.now())
    if (read.kind === 'corrupt')
      this.warn(`${file} was unreadable (${read.reason}); moved to ${read.movedTo}`)
    return read.kind === 'ok' ? read.value : undefined
  }

  saveMutes(mutes: PersistedMutes): void {
    writeFileAtomic(join(this.path, 'mutes.json'), `${JSON.stringify(mutes)}\n`)
  }
}

function parseMutes(text: string): { ok: true; value: PersistedMutes } | { ok: false; error: string } {
  const parsed = parseTolerantJson(text)
  if (!parsed.ok) return { ok: false, error: parsed.reason }
  const value = parsed.value as Partial<PersistedMutes> | null
  const mutes = value?.mutes
  const snoozed = value?.snoozedUntilWallMs
  const wellFormed =
    typeof mutes === 'object' &&
    mutes !== null &&
    Object.values(mutes).every(
      (mute) => mute !== null && (mute.untilWallMs === null || typeof mute.untilWallMs === 'number'),
    ) &&
    (snoozed === null || typeof snoozed === 'number')
  return wellFormed
    ? { ok: true, value: { mutes, snoozedUntilWallMs: snoozed } }
    : { ok: false, error: 'not a mutes file' }
}
