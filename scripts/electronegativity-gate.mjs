#!/usr/bin/env node
// The Electron hardening gate (issue 5): Doyensec's Electronegativity over src/, assuming the Electron
// this project ships. Exits 1 on any HIGH finding, on any finding of a check listed in ALWAYS_FAILS,
// and on a file it could not parse (a file it did not scan is not a file it found safe); 0 otherwise,
// listing what it found below the bar. A reviewed exception goes on the flagged line, with its reason:
//   sandbox: false, // eng-disable SANDBOX_JS_CHECK: the PDF viewer needs …
// Usage: node scripts/electronegativity-gate.mjs [--input src] [--online]
//
// It calls Electronegativity's own runner rather than its CLI: the CLI's CSV writer starts the header
// and the rows as two racing asynchronous writes (the header's truncation can erase the rows), its
// SARIF output has no severity, and neither reports files it failed to parse.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import console from 'node:console'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

/** The hardening the desktop issue asks for: any of these fails the gate, whatever its severity. */
const ALWAYS_FAILS = new Set([
  'SANDBOX_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'WEB_SECURITY_HTML_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'INSECURE_CONTENT_HTML_CHECK',
  'REMOTE_MODULE_JS_CHECK',
  'HTTP_RESOURCES_JS_CHECK',
  'HTTP_RESOURCES_HTML_CHECK',
  'HTTP_RESOURCES_WITH_NODE_INTEGRATION_GLOBAL_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'EXPERIMENTAL_FEATURES_HTML_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'BLINK_FEATURES_HTML_CHECK',
  'CERTIFICATE_ERROR_EVENT_JS_CHECK',
  'CERTIFICATE_VERIFY_PROC_JS_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
])
/** Fetches Electron's release list from GitHub, with no timeout: only with --online. By class name. */
const NETWORK_CHECKS = ['AvailableSecurityFixesGlobalCheck']

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(resolve(root, 'package.json'))
const print = (line = '') => process.stdout.write(`${line}\n`)

const { values } = parseArgs({
  options: { input: { type: 'string', default: 'src' }, online: { type: 'boolean', default: false } },
})

let run
try {
  run = require('@doyensec/electronegativity')
} catch {
  process.stderr.write('electronegativity gate: @doyensec/electronegativity is not installed (npm install)\n')
  process.exit(2)
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version
const input = resolve(root, values.input)
// Its runner prints through console.log (a translations fetch that may fail offline): keep ours clean.
const consoleLog = console.log
console.log = () => undefined
let result
try {
  result = await run({
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: values.online ? [] : NETWORK_CHECKS.map((check) => check.toLowerCase()),
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: true,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  })
} finally {
  console.log = consoleLog
}

const describe = (issue) =>
  `${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id}${
    issue.manualReview ? ' (review)' : ''
  }\n    ${issue.file}:${issue.location.line}:${issue.location.column}  ${issue.description}`
const failing = result.issues.filter((issue) => issue.severity.name === 'HIGH' || ALWAYS_FAILS.has(issue.id))
const passing = result.issues.filter((issue) => !failing.includes(issue))
const unparsed = result.errors.filter((error) => !error.tolerable)

print(
  `electronegativity: ${values.input}/ with Electron ${electronVersion}, ${result.issues.length} findings`,
)
if (passing.length > 0) {
  print(`\nbelow the bar (${passing.length}):`)
  for (const issue of passing) print(describe(issue))
}
if (unparsed.length > 0) {
  print(`\nFAILED: ${unparsed.length} file(s) could not be parsed, so were not checked:`)
  for (const error of unparsed) print(`    ${error.file}: ${error.message}`)
}
if (failing.length > 0) {
  print(`\nFAILED: ${failing.length} finding(s) HIGH or on the must-not-appear list:`)
  for (const issue of failing) print(describe(issue))
}
if (failing.length === 0 && unparsed.length === 0)
  print('\nno HIGH findings, none on the must-not-appear list')
process.exit(failing.length > 0 || unparsed.length > 0 ? 1 : 0)
