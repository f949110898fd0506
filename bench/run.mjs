// Runs the benchmarks: `npm run bench` runs all, `npm run bench -- NAME [--smoke]` runs one. Each bench
// is bundled first (esbuild, as the app itself is bundled) so it measures the code as shipped; each
// prints one JSON line.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'out', 'bench')
const all = readdirSync(join(root, 'bench'))
  .filter((file) => file.endsWith('.mts'))
  .map((file) => file.replace(/\.mts$/, ''))
const args = process.argv.slice(2)
const flags = args.filter((arg) => arg.startsWith('--'))
const names = args.filter((arg) => !arg.startsWith('--'))
const unknown = names.filter((name) => !all.includes(name))
if (unknown.length > 0) {
  console.error(`bench: no such bench ${unknown.join(', ')} (have: ${all.join(', ')})`)
  process.exit(2)
}

const chosen = names.length > 0 ? names : all

await build({
  entryPoints: [
    ...chosen.map((name) => join(root, 'bench', `${name}.mts`)),
    join(root, 'bench', 'support', 'flood-worker.mjs'),
  ],
  outdir: outDir,
  outbase: join(root, 'bench'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
})

// These run the app itself (bin/heartbeat-tray.js from out/): build it as shipped first. A smoke run
// comes from `npm test`, which has just built it.
const APP_BENCHES = ['restart', 'ui', 'footprint']
if (!flags.includes('--smoke') && chosen.some((name) => APP_BENCHES.includes(name))) {
  const app = spawnSync('npx', ['electron-vite', 'build'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: root,
  })
  if (app.status !== 0) {
    console.error('bench: the app did not build')
    process.exit(1)
  }
}

let failed = false
for (const name of chosen) {
  const result = spawnSync(process.execPath, [join(outDir, `${name}.mjs`), ...flags], {
    stdio: 'inherit',
    cwd: root,
  })
  if (result.status !== 0) {
    console.error(`bench: ${name} failed (exit ${result.status})`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
