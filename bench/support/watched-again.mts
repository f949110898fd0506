/**
 * When a freshly started app is watching again, seen from outside over HTTP as a user or a script sees
 * it: the UI page and every asset it names are served, each source is connected (the engine arms an
 * instance's deadline once its source is), and /api/services lists every instance it had before, each
 * with its last-seen time from before the restart.
 */
import { request } from 'node:http'
import { performance } from 'node:perf_hooks'

export interface ReadyCheck {
  port: number
  services: number
  /** Whether /api/sources must say every source is connected (an app has sources; a baseline none). */
  sources: boolean
}

const POLL_MS = 5

/** Polls until ready; resolves with performance.now() of the moment the last answer needed arrived. */
export async function waitUntilWatched(check: ReadyCheck, timeoutMs: number): Promise<number> {
  const giveUpAt = performance.now() + timeoutMs
  let lastError = 'not ready'
  for (;;) {
    const readyAt = await readyAtMs(check).catch((error: Error) => {
      lastError = error.message
      return null
    })
    if (readyAt !== null) return readyAt
    if (performance.now() > giveUpAt)
      throw new Error(`not watching again within ${timeoutMs} ms (last: ${lastError})`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** Each answer is checked after its last byte is timed: parsing 10,000 views is ours to pay, not its. */
async function readyAtMs(check: ReadyCheck): Promise<number | null> {
  const page = await get(check.port, '/')
  if (page.status !== 200 || !page.type.startsWith('text/html')) return null
  const assets = [...page.body.matchAll(/(?:src|href)="\.?(\/assets\/[^"]+)"/g)].map((match) => match[1])
  if (assets.length === 0) throw new Error('the UI page names no assets')
  for (const asset of assets) if ((await get(check.port, asset as string)).status !== 200) return null
  if (check.sources) {
    const sources = await get(check.port, '/api/sources')
    const views = JSON.parse(sources.body) as { state: string }[]
    if (views.length === 0 || views.some((view) => view.state !== 'connected')) return null
  }
  const services = await get(check.port, '/api/services')
  if (services.status !== 200) return null
  const views = JSON.parse(services.body) as { lastSeen: string | null }[]
  if (views.length !== check.services || views.some((view) => view.lastSeen === null)) return null
  return services.endMs
}

interface Answer {
  status: number
  type: string
  body: string
  /** performance.now() when its last byte arrived. */
  endMs: number
}

function get(port: number, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          endMs: performance.now(),
        }),
      )
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}
