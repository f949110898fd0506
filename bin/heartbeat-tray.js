#!/usr/bin/env node
// Launcher: headless mode and the publisher run under plain Node; otherwise the Electron app, or, where
// no Electron binary is installed, headless mode with a word on why.
'use strict'
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')
const { spawn } = require('node:child_process')

const root = join(__dirname, '..')
const cli = join(root, 'out', 'main', 'cli.js')
const args = process.argv.slice(2)

if (!existsSync(cli)) {
  console.error('heartbeat-tray: not built yet; run `npm run build` first')
  process.exit(2)
}

const nodeOnly =
  args.includes('--headless') || ['publish', 'demo', '--help', '-h', '--version'].includes(args[0])
const electronBinary = nodeOnly ? null : findElectron()

if (electronBinary === null) {
  if (!nodeOnly) {
    console.error(
      'heartbeat-tray: no Electron binary is installed here; running headless (open the URL below)',
    )
    process.argv.splice(2, 0, '--headless')
  }
  require(cli)
} else {
  const child = spawn(electronBinary, [root, ...args], { stdio: 'inherit' })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
}

/**
 * The Electron binary, or null. Electron >= 42 downloads its binary on first require; where the download
 * is switched off (ELECTRON_SKIP_BINARY_DOWNLOAD) and none is there, do not even try.
 */
function findElectron() {
  try {
    const packageDir = dirname(require.resolve('electron/package.json'))
    const pathFile = join(packageDir, 'path.txt')
    const installed =
      existsSync(pathFile) && existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8')))
    if (!installed && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}
