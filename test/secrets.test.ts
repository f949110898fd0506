/**
 * Secrets kept (issue 5): passwords and push tokens in source URLs go to secrets.json (mode 0600), or
 * stay `${env:NAME}` references, never into config.json; loading gives the URLs back as they were.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultConfig, type AppConfig } from '../src/main/core/config'
import { parseSourceUrl, redactUrl } from '../src/main/core/source-url'
import { DataDir } from '../src/main/store/data-dir'
import { FileSecretStore, PLAIN_CODEC, SECRETS_FILE, type SecretCodec } from '../src/main/store/secrets'
import { uniqueName } from './support/wait'

const folders: string[] = []
const envNames: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
  for (const name of envNames.splice(0)) delete process.env[name]
})

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'hbtray-secrets-'))
  folders.push(folder)
  return folder
}

function envVariable(value: string): string {
  const name = uniqueName('HBTRAY_TEST_SECRET').replace(/-/g, '_').toUpperCase()
  process.env[name] = value
  envNames.push(name)
  return name
}

interface Opened {
  dataDir: DataDir
  warnings: string[]
}

function openDataDir(path: string, secrets?: (warn: (message: string) => void) => FileSecretStore): Opened {
  const warnings: string[] = []
  const warn = (message: string): void => void warnings.push(message)
  return { dataDir: new DataDir(path, warn, secrets?.(warn)), warnings }
}

const configWith = (sources: string[]): AppConfig => ({ ...defaultConfig(), sources })
const read = (path: string): string => readFileSync(path, 'utf8')
const modeOf = (path: string): number => statSync(path).mode & 0o777

const REDIS_PASSWORD = 'hunter2-redis-Pa55'
const AMQP_PASSWORD = 'p@ss:w/rd%25#amqp'
const PUSH_TOKEN = 'push-token-0123456789abcdef'
const URLS = [
  `redis://:${REDIS_PASSWORD}@127.0.0.1:6379/0?pattern=a:*`,
  `amqps://guest:${encodeURIComponent(AMQP_PASSWORD)}@127.0.0.1:5671/%2F?exchange=x&verify=0`,
  `push://0.0.0.0:7475?token=${PUSH_TOKEN}&interval=5s`,
  'redis://127.0.0.1:6379/0?pattern=no-secret:*',
]
const SECRETS = [REDIS_PASSWORD, encodeURIComponent(AMQP_PASSWORD), AMQP_PASSWORD, PUSH_TOKEN]

describe('secrets in source URLs, headless', () => {
  it('keeps them out of config.json, in a 0600 secrets.json, and gives the URLs back on load', () => {
    const folder = tempFolder()
    openDataDir(folder).dataDir.saveConfig(configWith(URLS))

    const config = read(join(folder, 'config.json'))
    for (const secret of SECRETS) expect(config).not.toContain(secret)
    expect(config).toMatch(/redis:\/\/:\$\{secret:[0-9a-f]{16}\}@127\.0\.0\.1:6379\/0\?pattern=a:\*/)
    expect(config).toContain('redis://127.0.0.1:6379/0?pattern=no-secret:*')
    expect(modeOf(join(folder, SECRETS_FILE))).toBe(0o600)
    expect(read(join(folder, SECRETS_FILE))).toContain(REDIS_PASSWORD)

    const again = openDataDir(folder)
    expect(again.dataDir.loadConfig()?.sources).toEqual(URLS)
    expect(again.warnings).toEqual([])
    // What the sources connect with is what the user typed.
    const amqp = parseSourceUrl(URLS[1] as string)
    expect(amqp.ok && amqp.spec.kind === 'amqp' && amqp.spec.connection.password).toBe(AMQP_PASSWORD)
  })

  it('stores nothing new when saved again, and forgets the secret of a removed source', () => {
    const folder = tempFolder()
    const { dataDir } = openDataDir(folder)
    dataDir.saveConfig(configWith(URLS))
    const first = read(join(folder, 'config.json'))
    dataDir.saveConfig(configWith(openDataDir(folder).dataDir.loadConfig()?.sources ?? []))
    expect(read(join(folder, 'config.json'))).toBe(first)

    dataDir.saveConfig(configWith(URLS.slice(1)))
    expect(read(join(folder, SECRETS_FILE))).not.toContain(REDIS_PASSWORD)
    expect(read(join(folder, SECRETS_FILE))).toContain(PUSH_TOKEN)
  })

  it('leaves ${env:NAME} references as they are, and reads the variable on load', () => {
    const folder = tempFolder()
    const name = envVariable('from the environment:@/')
    const url = `redis://:\${env:${name}}@127.0.0.1:6379/0`
    const { dataDir } = openDataDir(folder)
    dataDir.saveConfig(configWith([url]))
    expect(read(join(folder, 'config.json'))).toContain(`\${env:${name}}`)

    const loaded = openDataDir(folder).dataDir.loadConfig()?.sources[0] as string
    const parsed = parseSourceUrl(loaded)
    expect(parsed.ok && parsed.spec.kind === 'redis-pubsub' && parsed.spec.connection.password).toBe(
      'from the environment:@/',
    )
    // Saved again after it was opened: still the reference, never the variable's value.
    const reopened = openDataDir(folder)
    reopened.dataDir.saveConfig(reopened.dataDir.loadConfig() ?? defaultConfig())
    expect(read(join(folder, 'config.json'))).toContain(`\${env:${name}}`)
    expect(read(join(folder, 'config.json'))).not.toContain('from the environment')
    expect(readdirSync(folder)).not.toContain(SECRETS_FILE)
  })

  it('moves clear secrets out of a config.json written by hand (or before this existed) on load', () => {
    const folder = tempFolder()
    writeFileSync(join(folder, 'config.json'), JSON.stringify({ sources: URLS }))
    expect(openDataDir(folder).dataDir.loadConfig()?.sources).toEqual(URLS)
    for (const secret of SECRETS) expect(read(join(folder, 'config.json'))).not.toContain(secret)
    expect(openDataDir(folder).dataDir.loadConfig()?.sources).toEqual(URLS)
  })

  it('says which reference is missing, without any secret, and keeps the reference', () => {
    const folder = tempFolder()
    openDataDir(folder).dataDir.saveConfig(configWith(URLS))
    rmSync(join(folder, SECRETS_FILE))
    const missingVariable = `redis://:\${env:HBTRAY_TEST_NOT_SET_${process.pid}}@127.0.0.1:6379/1`
    const { dataDir, warnings } = openDataDir(folder)
    const sources = dataDir.loadConfig()?.sources ?? []
    expect(sources[0]).toMatch(/\$\{secret:[0-9a-f]{16}\}/)
    expect(dataDir.secrets.open(missingVariable)).toBe(missingVariable)
    expect(warnings).toEqual([
      expect.stringMatching(
        /^redis:\/\/:\*\*\*@127\.0\.0\.1:6379\/0\?pattern=a:\*: secret [0-9a-f]{16} is not in/,
      ),
      expect.stringMatching(/^amqps:\/\/guest:\*\*\*@127\.0\.0\.1:5671\/.*: secret [0-9a-f]{16} is not in/),
      expect.stringMatching(
        /^push:\/\/0\.0\.0\.0:7475\?token=\*\*\*&interval=5s: secret [0-9a-f]{16} is not in/,
      ),
      `redis://:***@127.0.0.1:6379/1: environment variable HBTRAY_TEST_NOT_SET_${process.pid} is not set, so its password is missing`,
    ])
  })

  it('makes a secrets.json others can read private again', () => {
    const folder = tempFolder()
    openDataDir(folder).dataDir.saveConfig(configWith(URLS))
    chmodSync(join(folder, SECRETS_FILE), 0o644)
    const { dataDir, warnings } = openDataDir(folder)
    expect(dataDir.loadConfig()?.sources).toEqual(URLS)
    expect(modeOf(join(folder, SECRETS_FILE))).toBe(0o600)
    expect(warnings).toEqual([`${join(folder, SECRETS_FILE)} was readable by others; made it private (0600)`])
  })

  it('moves a damaged secrets.json aside without printing it', () => {
    const folder = tempFolder()
    openDataDir(folder).dataDir.saveConfig(configWith(URLS))
    writeFileSync(join(folder, SECRETS_FILE), `{"codec": "plain", "secrets": {"x": "${REDIS_PASSWORD}"`)
    const { dataDir, warnings } = openDataDir(folder)
    dataDir.loadConfig()
    expect(warnings[0]).toMatch(
      /secrets\.json was unreadable \(not JSON\); moved to .*secrets\.json\.corrupt-/,
    )
    expect(warnings.join('\n')).not.toContain(REDIS_PASSWORD)
  })

  it('with an encrypting codec (as the desktop app has), converts a plain file and writes no secret', () => {
    const folder = tempFolder()
    openDataDir(folder).dataDir.saveConfig(configWith(URLS))
    const reversed: SecretCodec = {
      name: 'test-reversed',
      encode: (secret) => Buffer.from([...secret].reverse().join('')).toString('base64'),
      decode: (stored) => [...Buffer.from(stored, 'base64').toString()].reverse().join(''),
    }
    const encrypting = (warn: (message: string) => void): FileSecretStore =>
      new FileSecretStore(join(folder, SECRETS_FILE), reversed, warn)
    expect(openDataDir(folder, encrypting).dataDir.loadConfig()?.sources).toEqual(URLS)
    const file = read(join(folder, SECRETS_FILE))
    expect(JSON.parse(file)).toMatchObject({ codec: 'test-reversed' })
    for (const secret of SECRETS) expect(file).not.toContain(secret)
    expect(openDataDir(folder, encrypting).dataDir.loadConfig()?.sources).toEqual(URLS)
    // A store that cannot decrypt it moves it aside, with why, and starts empty.
    const plain = openDataDir(folder)
    plain.dataDir.loadConfig()
    expect(plain.warnings[0]).toMatch(/written with test-reversed, which this app cannot read/)
  })

  it('without a data folder, opens ${env:NAME} only and seals nothing', () => {
    const name = envVariable('env-only-secret')
    const store = new FileSecretStore(null, PLAIN_CODEC, () => undefined)
    const url = `push://127.0.0.1:7475?token=\${env:${name}}`
    expect(store.open(url)).toBe('push://127.0.0.1:7475?token=env-only-secret')
    expect(store.seal(store.open(url))).toBe(url)
    expect(store.seal(URLS[0] as string)).toBe(URLS[0])
  })

  it('gives back any password and token exactly, and never leaves one in the sealed URL', () => {
    const folder = tempFolder()
    const store = new FileSecretStore(join(folder, SECRETS_FILE), PLAIN_CODEC, () => undefined)
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (secret) => {
        const encoded = encodeURIComponent(secret)
        for (const url of [
          `redis://user:${encoded}@host:6379/0?pattern=a`,
          `push://127.0.0.1:1?token=${encoded}`,
        ]) {
          const sealed = store.seal(url)
          const parsed = new URL(sealed)
          const kept = url.startsWith('push')
            ? parsed.searchParams.get('token')
            : decodeURIComponent(parsed.password)
          expect(kept).toMatch(/^\$\{secret:[0-9a-f]{16}\}$/)
          expect(store.open(sealed)).toBe(url)
        }
        const spec = parseSourceUrl(store.open(store.seal(`redis://user:${encoded}@host:6379/0`)))
        expect(spec.ok && spec.spec.kind === 'redis-pubsub' && spec.spec.connection.password).toBe(secret)
      }),
      { numRuns: 200 },
    )
  })

  it('redacts push tokens as well as passwords wherever URLs are shown or logged', () => {
    expect(redactUrl(`push://127.0.0.1:7475?interval=5s&token=${PUSH_TOKEN}`)).toBe(
      'push://127.0.0.1:7475?interval=5s&token=***',
    )
    expect(redactUrl(`push://[bad?token=${PUSH_TOKEN}`)).toBe('push://[bad?token=***')
    const unparsable = parseSourceUrl(`push://[bad?token=${PUSH_TOKEN}`)
    expect(unparsable.ok ? '' : unparsable.error).not.toContain(PUSH_TOKEN)
  })
})
