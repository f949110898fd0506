import { describe, expect, it } from 'vitest'
import { parseAppArgs } from './cli-args'

describe('command line', () => {
  it('reads headless mode, repeated sources, config and address', () => {
    const result = parseAppArgs([
      '--headless',
      '--source',
      'redis://a',
      '--source',
      'redis://b',
      '--config',
      'c.json',
      '--http',
      '0.0.0.0:8080',
    ])
    expect(result).toEqual({
      ok: true,
      args: {
        headless: true,
        sources: ['redis://a', 'redis://b'],
        configPath: 'c.json',
        dataDir: null,
        http: { host: '0.0.0.0', port: 8080 },
        token: null,
        demo: true,
        help: false,
        version: false,
      },
    })
  })

  it('defaults to 127.0.0.1:7474 and takes the token from the environment', () => {
    const result = parseAppArgs(['--headless'], { HEARTBEAT_TRAY_TOKEN: 'a-long-enough-token' })
    expect(result.ok && result.args.http).toEqual({ host: '127.0.0.1', port: 7474 })
    expect(result.ok && result.args.token).toBe('a-long-enough-token')
  })

  it('refuses bad flags with one line', () => {
    const error = (argv: string[]) => {
      const result = parseAppArgs(argv)
      return result.ok ? 'accepted' : result.error
    }
    expect(error(['--sauce', 'x'])).toMatch(/Unknown option '--sauce'/)
    expect(error(['--http', 'localhost'])).toMatch(/^--http must be HOST:PORT/)
    expect(error(['--http', '127.0.0.1:99999'])).toMatch(/^--http must be HOST:PORT/)
    expect(error(['--token', 'short'])).toBe('--token must be at least 16 characters')
    expect(error(['stray'])).toMatch(/positional/i)
  })
})
