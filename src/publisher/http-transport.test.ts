import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createTransport, type Transport } from './transport'

interface ReceivedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  clientPort: number | undefined
  body: string
}

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A real HTTP server on a free port that answers every request with `status` and `answer`. */
async function receiver(status = 204, answer = ''): Promise<{ port: number; requests: ReceivedRequest[] }> {
  const requests: ReceivedRequest[] = []
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        clientPort: request.socket.remotePort,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      response.writeHead(status).end(answer)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return { port: (server.address() as AddressInfo).port, requests }
}

function transportTo(url: string): Transport {
  const transport = createTransport(url)
  cleanups.push(() => transport.close())
  return transport
}

describe('HTTP transport', () => {
  it('POSTs the body as JSON to /heartbeat of a push:// endpoint, reusing its connection', async () => {
    const { port, requests } = await receiver()
    const transport = transportTo(`push://127.0.0.1:${port}`)

    await transport.send('billing', '{"service_name":"billing"}')
    await transport.send('billing', '{"service_name":"billing","heartbeat_count":2}')

    expect(requests).toHaveLength(2)
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/heartbeat',
      body: '{"service_name":"billing"}',
    })
    expect(requests[0]?.headers['content-type']).toBe('application/json')
    expect(requests[0]?.headers.authorization).toBeUndefined()
    expect(requests[1]?.clientPort).toBe(requests[0]?.clientPort)
  })

  it('sends ?token= as a bearer token, to the path given, and never shows the token', async () => {
    const { port, requests } = await receiver(200, 'ok')
    const transport = transportTo(`http://127.0.0.1:${port}/hooks/beat?token=s3cret`)

    await transport.send('billing', '{}')

    expect(requests[0]?.path).toBe('/hooks/beat')
    expect(requests[0]?.headers.authorization).toBe('Bearer s3cret')
    expect(transport.description).not.toContain('s3cret')
  })

  it('fails with the status and the answer when the server says no', async () => {
    const { port } = await receiver(500, 'database on fire')
    const transport = transportTo(`http://127.0.0.1:${port}`)

    await expect(transport.send('billing', '{}')).rejects.toThrow(/HTTP 500 .*database on fire/)
  })

  it('fails readably when nothing listens', async () => {
    const { port } = await receiver()
    await cleanups.pop()?.() // close the server, keep its now-free port
    const transport = transportTo(`push://127.0.0.1:${port}`)

    await expect(transport.send('billing', '{}')).rejects.toThrow(
      /POST push:\/\/127\.0\.0\.1:\d+\/heartbeat: .*ECONNREFUSED/,
    )
  })
})

describe('createTransport', () => {
  it('refuses schemes it cannot publish to, and non-URLs, saying what it supports', () => {
    expect(() => createTransport('ftp://example.com')).toThrow(
      /cannot publish to "ftp:" URLs \(supported: redis/,
    )
    expect(() => createTransport('localhost:6379')).toThrow(/cannot publish to "localhost:"/)
    expect(() => createTransport('not a url')).toThrow(/not a URL/)
  })

  it('refuses Redis URL parameters it does not know', () => {
    expect(() => createTransport('redis://127.0.0.1:6379/0?pattern=x')).toThrow(/unknown parameter "pattern"/)
  })
})
