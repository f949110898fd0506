import { describe, expect, it } from 'vitest'
import { parseSourceUrl } from '../source-url'
import type { SqliteRegistrySpec } from './sqlite-url'

function spec(url: string): SqliteRegistrySpec {
  const result = parseSourceUrl(url)
  if (!result.ok) throw new Error(result.error)
  if (result.spec.kind !== 'sqlite-registry') throw new Error(`parsed as ${result.spec.kind}`)
  return result.spec
}

function error(url: string): string {
  const result = parseSourceUrl(url)
  if (result.ok) throw new Error('accepted')
  return result.error
}

describe('sqlite:// URLs', () => {
  it('reads an absolute path with defaults: poll every 5 s, table found in the schema, interval unset', () => {
    expect(spec('sqlite:///var/lib/prismq/queue.db')).toEqual({
      kind: 'sqlite-registry',
      displayUrl: 'sqlite:///var/lib/prismq/queue.db',
      path: '/var/lib/prismq/queue.db',
      table: null,
      pollEveryMs: 5_000,
      defaultIntervalMs: null,
    })
  })

  it('takes every, table and interval', () => {
    expect(spec('sqlite:///q.db?every=500ms&table=worker_registry&interval=1m')).toMatchObject({
      path: '/q.db',
      table: 'worker_registry',
      pollEveryMs: 500,
      defaultIntervalMs: 60_000,
    })
    expect(spec('sqlite:///q.db?table=workers').table).toBe('workers')
  })

  it('decodes the path, accepts localhost and a Windows drive', () => {
    expect(spec('sqlite:///srv/my%20queue.db').path).toBe('/srv/my queue.db')
    expect(spec('sqlite://localhost/srv/queue.db').path).toBe('/srv/queue.db')
    expect(spec('sqlite:/srv/queue.db').path).toBe('/srv/queue.db')
    expect(spec('sqlite:///C:/PrismQ/queue.db').path).toBe('C:/PrismQ/queue.db')
  })

  it('refuses a relative path, saying how to write an absolute one', () => {
    expect(error('sqlite://./relative.db')).toMatch(
      /^the database path must be absolute, as in sqlite:\/\/\/abs/,
    )
    expect(error('sqlite:relative.db')).toMatch(/^the database path must be absolute/)
    expect(error('sqlite:')).toMatch(/^the database path must be absolute/)
  })

  it('says exactly what else is wrong', () => {
    expect(error('sqlite://dbhost/queue.db')).toMatch(
      /^a sqlite URL names a local file, not a host \("dbhost"\)/,
    )
    expect(error('sqlite:///srv/')).toBe('the database path names a directory: /srv/')
    expect(error('sqlite:///q.db?table=jobs')).toBe('table must be workers or worker_registry, got "jobs"')
    expect(error('sqlite:///q.db?every=soon')).toBe('every must be a duration like 30s or 500ms, got "soon"')
    expect(error('sqlite:///q.db?every=1ms')).toBe('every must be at least 50ms, got "1ms"')
    expect(error('sqlite:///q.db?interval=0')).toMatch(/^interval must be a duration/)
    expect(error('sqlite:///q.db?key=workers')).toBe('unknown parameter "key" in sqlite:///q.db?key=workers')
  })
})
