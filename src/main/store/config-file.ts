/** Reads the JSON config file; a missing or bad file is a clear error, never a crash. */
import { readFileSync } from 'node:fs'
import { defaultConfig, parseConfig, type AppConfig } from '../core/config'

export type LoadedConfig = { ok: true; config: AppConfig } | { ok: false; error: string }

export function loadConfigFile(path: string | null): LoadedConfig {
  if (path === null) return { ok: true, config: defaultConfig() }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    return {
      ok: false,
      error: `cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    }
  }
  const parsed = parseConfig(text)
  return parsed.ok ? parsed : { ok: false, error: `config ${path}: ${parsed.error}` }
}
