/** Serves the built renderer, so a browser gets the same UI as the desktop window. */
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse): Promise<void> {
  const root = resolve(rootDir)
  let relative: string
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return sendText(response, 400, 'bad path')
  }
  const candidate = resolve(join(root, relative))
  if (candidate !== root && !candidate.startsWith(root + sep)) return sendText(response, 404, 'not found')
  const file = (await isFile(candidate)) ? candidate : join(root, 'index.html')
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return sendText(response, 404, 'the UI is not built: run `npm run build`')
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
  })
  response.end(body)
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  const body = `${text}\n`
  // With its length known, node sends head and body in one piece instead of chunked framing around it.
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(value))
}
