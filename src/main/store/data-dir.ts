/**
 * The app's folder (Electron's userData, or headless `--data DIR`): the config the user edits and what
 * they muted. Every write is atomic; a damaged file is moved aside with a message. Passwords and
 * tokens in source URLs go to the SecretStore, never into config.json (see secrets.ts).
 */
import { join } from 'node:path'
import { parseConfig, serializeConfig, type AppConfig } from '../core/config'
import { parseTolerantJson } from '../core/decode/tolerant-json'
import type { PersistedMutes } from '../core/mutes'
import { readJsonFile, writeFileAtomic } from './atomic-file'
import { FileSecretStore, PLAIN_CODEC, SECRETS_FILE, type SecretStore } from './secrets'

export class DataDir {
  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void,
    /** Headless: secrets.json, mode 0600; the desktop app passes one that encrypts. */
    readonly secrets: SecretStore = new FileSecretStore(join(path, SECRETS_FILE), PLAIN_CODEC, warn),
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
    if (read.kind !== 'ok') return null
    const saved = read.value.sources
    const config = { ...read.value, sources: saved.map((url) => this.secrets.open(url)) }
    // A config.json written before secrets were kept apart, or edited by hand, loses them now.
    if (config.sources.some((url, index) => this.secrets.seal(url) !== saved[index])) this.saveConfig(config)
    return config
  }

  saveConfig(config: AppConfig): void {
    // Secrets first: config.json never refers to a secret not yet written.
    const sources = config.sources.map((url) => this.secrets.seal(url))
    this.secrets.keepOnly(sources)
    const text = `${JSON.stringify(serializeConfig({ ...config, sources }), null, 2)}\n`
    writeFileAtomic(join(this.path, 'config.json'), text)
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
