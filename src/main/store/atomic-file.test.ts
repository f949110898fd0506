import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileAtomic, writeFileAtomicInBackground } from './atomic-file'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'hbtray-atomic-'))
  folders.push(path)
  return path
}

describe('writeFileAtomicInBackground', () => {
  it('replaces the file, leaving no temporary file behind', async () => {
    const path = join(folder(), 'state.json')
    writeFileSync(path, 'old')
    expect(await writeFileAtomicInBackground(path, 'new', () => true)).toBe(true)
    expect(readFileSync(path, 'utf8')).toBe('new')
    expect(readdirSync(join(path, '..'))).toEqual(['state.json'])
  })

  it('leaves the file alone when a later write superseded it while it was being written', async () => {
    const path = join(folder(), 'state.json')
    let superseded = false
    const background = writeFileAtomicInBackground(path, 'older', () => !superseded)
    // What `StateKeeper.stop()` does while a background save is under way.
    writeFileAtomic(path, 'newer')
    superseded = true
    expect(await background).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe('newer')
    expect(readdirSync(join(path, '..'))).toEqual(['state.json'])
  })
})
