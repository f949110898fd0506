/** A throwaway PKI for TLS tests, made with openssl in a temporary folder: two CAs and the certificates. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Certificates {
  folder: string
  /** The CA that signed the server and client certificates. */
  ca: string
  /** A CA that signed nothing here: trusting it alone must fail. */
  otherCa: string
  server: { cert: string; key: string }
  client: { cert: string; key: string }
  /** A server certificate signed by itself, for `verify=0`. */
  selfSigned: { cert: string; key: string }
  remove(): void
}

/** P-256 keys: made in milliseconds, where RSA takes a good part of a second each. */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
const DAYS = ['-days', '2']

export function makeCertificates(): Certificates {
  const folder = mkdtempSync(join(tmpdir(), 'hbtray-tls-'))
  const path = (name: string): string => join(folder, name)
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' })

  const selfSignedCa = (name: string, subject: string): void =>
    openssl(
      'req',
      '-x509',
      ...NEW_KEY,
      '-keyout',
      path(`${name}.key`),
      '-out',
      path(`${name}.pem`),
      ...DAYS,
      '-subj',
      subject,
    )
  const signed = (name: string, subject: string, usage: 'serverAuth' | 'clientAuth'): void => {
    writeFileSync(
      path(`${name}.cnf`),
      [
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        'basicConstraints=CA:FALSE',
        'keyUsage=digitalSignature,keyEncipherment',
        `extendedKeyUsage=${usage}`,
      ].join('\n'),
    )
    openssl('req', ...NEW_KEY, '-keyout', path(`${name}.key`), '-out', path(`${name}.csr`), '-subj', subject)
    openssl(
      'x509',
      '-req',
      '-in',
      path(`${name}.csr`),
      '-CA',
      path('ca.pem'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-out',
      path(`${name}.pem`),
      ...DAYS,
      '-extfile',
      path(`${name}.cnf`),
    )
  }

  selfSignedCa('ca', '/CN=heartbeat-tray test CA')
  selfSignedCa('other-ca', '/CN=some other CA')
  signed('server', '/CN=localhost', 'serverAuth')
  signed('client', '/CN=heartbeat-tray client', 'clientAuth')
  openssl(
    'req',
    '-x509',
    ...NEW_KEY,
    '-keyout',
    path('self.key'),
    '-out',
    path('self.pem'),
    ...DAYS,
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  )
  return {
    folder,
    ca: path('ca.pem'),
    otherCa: path('other-ca.pem'),
    server: { cert: path('server.pem'), key: path('server.key') },
    client: { cert: path('client.pem'), key: path('client.key') },
    selfSigned: { cert: path('self.pem'), key: path('self.key') },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  }
}
