/**
 * Secrets in source URLs, the password (`redis://:PASSWORD@host`, `amqp://user:PASSWORD@host`) and the
 * push endpoint's `?token=`, never go into config.json: saving hands each to a SecretStore and writes a
 * reference in its place, `${secret:ID}`; loading puts the secret back. A URL may instead name an
 * environment variable, `${env:NAME}`: read when the config is loaded, written back as the reference.
 *
 * The secrets live in secrets.json beside config.json, mode 0600 (as ~/.pgpass and ~/.netrc are); the
 * desktop app encrypts each with Electron's safeStorage (electron/safe-storage-secrets.ts). Secrets
 * are kept as they are written in the URL (percent-encoding and all), so they go back byte for byte.
 */
import { createHash } from 'node:crypto'
import { chmodSync, statSync } from 'node:fs'
import { redactUrl } from '../core/urls/url-parts'
import { readJsonFile, writeFileAtomic } from './atomic-file'

export const SECRETS_FILE = 'secrets.json'

export interface SecretStore {
  /** The URL to save: each secret in it kept by the store and replaced by a `${secret:ID}` reference. */
  seal(url: string): string
  /** The URL to connect with: each `${secret:ID}` and `${env:NAME}` replaced by what it refers to. */
  open(url: string): string
  /** Forgets every secret none of these sealed URLs refers to (a removed source's password). */
  keepOnly(sealedUrls: readonly string[]): void
}

/** How secrets are written in secrets.json: as they are, or encrypted (the desktop app). */
export interface SecretCodec {
  name: string
  encode(secret: string): string
  decode(stored: string): string
}

export const PLAIN_CODEC: SecretCodec = {
  name: 'plain',
  encode: (secret) => secret,
  decode: (stored) => stored,
}

interface SecretsFile {
  codec: string
  secrets: Record<string, string>
}

/**
 * `path`: the secrets file, or null where there is no data folder (headless without `--data`): then
 * only `${env:NAME}` references open, and sealing keeps nothing (nothing is saved either).
 */
export class FileSecretStore implements SecretStore {
  /** Stored (encoded) secrets by id, read at first use. */
  private stored: Map<string, string> | null = null
  /** URLs opened with `${env:…}` in them → slot index → the reference, written back when saved. */
  private readonly envReferences = new Map<string, Map<number, string>>()

  constructor(
    private readonly path: string | null,
    private readonly codec: SecretCodec,
    private readonly warn: (message: string) => void,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  seal(url: string): string {
    const envReferences = this.envReferences.get(url)
    return replaceSlots(url, (slot, index) => {
      const envReference = envReferences?.get(index)
      if (envReference !== undefined) return envReference
      if (this.path === null || slot.raw === '' || referenceIn(slot.raw) !== null) return null
      // The same source's same secret gets the same id: saving again stores nothing new.
      const id = secretId(url, `${slot.kind}${index}`)
      this.put(id, slot.raw)
      return `\${secret:${id}}`
    })
  }

  open(url: string): string {
    const envReferences = new Map<number, string>()
    const opened = replaceSlots(url, (slot, index) => {
      const reference = referenceIn(slot.raw)
      if (reference === null) return null
      const value = reference.kind === 'env' ? this.fromEnvironment(reference.name) : this.get(reference.name)
      if (value === null) {
        this.warn(`${redactUrl(url)}: ${describe(reference)}, so its ${slot.kind} is missing`)
        return null
      }
      if (reference.kind === 'secret') return value // URL text already, as it was sealed
      envReferences.set(index, slot.raw)
      return encodeURIComponent(value)
    })
    if (envReferences.size > 0) this.envReferences.set(opened, envReferences)
    return opened
  }

  keepOnly(sealedUrls: readonly string[]): void {
    const stored = this.load()
    const referenced = new Set<string>()
    for (const url of sealedUrls) {
      replaceSlots(url, (slot) => {
        const reference = referenceIn(slot.raw)
        if (reference?.kind === 'secret') referenced.add(reference.name)
        return null
      })
    }
    const before = stored.size
    for (const id of [...stored.keys()]) if (!referenced.has(id)) stored.delete(id)
    if (stored.size !== before) this.write()
  }

  private fromEnvironment(name: string): string | null {
    const value = this.env[name]
    return value === undefined || value === '' ? null : value
  }

  private get(id: string): string | null {
    const stored = this.load().get(id)
    if (stored === undefined) return null
    try {
      return this.codec.decode(stored)
    } catch (error) {
      this.warn(`${this.path}: secret ${id} cannot be read (${(error as Error).message})`)
      return null
    }
  }

  private put(id: string, secret: string): void {
    const stored = this.load()
    const previous = stored.get(id)
    if (previous !== undefined && this.get(id) === secret) return
    stored.set(id, this.codec.encode(secret))
    this.write()
  }

  private load(): Map<string, string> {
    if (this.stored) return this.stored
    this.stored = new Map()
    if (this.path === null) return this.stored
    const read = readJsonFile(this.path, (text) => parseSecretsFile(text, this.codec), Date.now())
    if (read.kind === 'corrupt')
      this.warn(`${this.path} was unreadable (${read.reason}); moved to ${read.movedTo}`)
    if (read.kind !== 'ok') return this.stored
    this.tightenMode(this.path)
    for (const [id, stored] of Object.entries(read.value.secrets)) {
      // A plain file read by an encrypting store is encrypted at the next write.
      const converted = read.value.codec === this.codec.name ? stored : this.codec.encode(stored)
      this.stored.set(id, converted)
    }
    if (read.value.codec !== this.codec.name) this.write()
    return this.stored
  }

  private write(): void {
    if (this.path === null || this.stored === null) return
    const file: SecretsFile = { codec: this.codec.name, secrets: Object.fromEntries(this.stored) }
    writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, 0o600)
  }

  /** A secrets file others may read (copied, restored from a backup) is made private again. */
  private tightenMode(path: string): void {
    if (process.platform === 'win32') return
    try {
      if ((statSync(path).mode & 0o077) === 0) return
      chmodSync(path, 0o600)
      this.warn(`${path} was readable by others; made it private (0600)`)
    } catch {
      // Read a moment ago; if it is gone now, the next write recreates it private.
    }
  }
}

function parseSecretsFile(
  text: string,
  codec: SecretCodec,
): { ok: true; value: SecretsFile } | { ok: false; error: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    // The parser's message quotes the text around the error: never print a secrets file.
    return { ok: false, error: 'not JSON' }
  }
  const file = value as Partial<SecretsFile> | null
  const secrets = file?.secrets
  if (
    typeof file?.codec !== 'string' ||
    typeof secrets !== 'object' ||
    secrets === null ||
    !Object.values(secrets).every((stored) => typeof stored === 'string')
  ) {
    return { ok: false, error: 'not a secrets file' }
  }
  if (file.codec !== codec.name && file.codec !== PLAIN_CODEC.name) {
    return { ok: false, error: `its secrets were written with ${file.codec}, which this app cannot read` }
  }
  return { ok: true, value: { codec: file.codec, secrets: secrets as Record<string, string> } }
}

// --- Where secrets are in a URL ---------------------------------------------------------------------

interface Slot {
  kind: 'password' | 'token'
  /** The secret as written in the URL. */
  raw: string
  start: number
  end: number
}

const AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/

/**
 * The password (after the first `:` of what precedes the authority's last `@`, as the WHATWG URL
 * parser reads it) and every `token=` of the query, found in the text so the rest stays as written.
 */
function secretSlots(url: string): Slot[] {
  const slots: Slot[] = []
  const match = AUTHORITY.exec(url)
  if (match) {
    const authority = match[1] as string
    const authorityStart = match[0].length - authority.length
    const userinfo = authority.slice(0, Math.max(0, authority.lastIndexOf('@')))
    const colon = userinfo.indexOf(':')
    if (colon >= 0) {
      const start = authorityStart + colon + 1
      slots.push({
        kind: 'password',
        raw: userinfo.slice(colon + 1),
        start,
        end: authorityStart + userinfo.length,
      })
    }
  }
  const queryStart = url.indexOf('?', match ? match[0].length : 0)
  if (queryStart >= 0) {
    const hash = url.indexOf('#', queryStart)
    const queryEnd = hash < 0 ? url.length : hash
    let position = queryStart + 1
    for (const part of url.slice(queryStart + 1, queryEnd).split('&')) {
      const equals = part.indexOf('=')
      if (equals >= 0 && formDecoded(part.slice(0, equals)) === 'token') {
        const start = position + equals + 1
        slots.push({ kind: 'token', raw: part.slice(equals + 1), start, end: position + part.length })
      }
      position += part.length + 1
    }
  }
  return slots
}

/** The URL with some slots' text replaced (`replace` returns null to leave one as it is). */
function replaceSlots(url: string, replace: (slot: Slot, index: number) => string | null): string {
  let result = url
  const slots = secretSlots(url)
  // From the end, so the positions of the slots before stay valid.
  for (let index = slots.length - 1; index >= 0; index--) {
    const slot = slots[index] as Slot
    const text = replace(slot, index)
    if (text !== null) result = result.slice(0, slot.start) + text + result.slice(slot.end)
  }
  return result
}

type Reference = { kind: 'secret' | 'env'; name: string }

const REFERENCE = /^\$\{(secret|env):([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})\}$/

/** `${secret:ID}` or `${env:NAME}`, written as is or percent-encoded (the URL parser encodes `{`). */
function referenceIn(raw: string): Reference | null {
  const match = REFERENCE.exec(formDecoded(raw))
  return match ? { kind: match[1] as Reference['kind'], name: match[2] as string } : null
}

function describe(reference: Reference): string {
  return reference.kind === 'env'
    ? `environment variable ${reference.name} is not set`
    : `secret ${reference.name} is not in ${SECRETS_FILE} (add the source again)`
}

function formDecoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** From the URL without its secrets (redacted), so the id says nothing about them. */
function secretId(url: string, slot: string): string {
  return createHash('sha256')
    .update(`${redactUrl(url)}\n${slot}`)
    .digest('hex')
    .slice(0, 16)
}
