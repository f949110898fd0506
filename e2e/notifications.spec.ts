/**
 * Browser notifications in the headless UI (issue 4): the alert policy's decisions, shown with the
 * Notification API, against the real app process and the real Redis. The permission is granted to the
 * browser; an init script records each `new Notification(...)` the page makes.
 */
import { expect, test, type Page } from '@playwright/test'
import { Redis } from 'ioredis'
import { WebSocket } from 'ws'
import type { UiCommand, WsServerFrame } from '../src/shared/api'
import { startHeadlessProcess, type HeadlessProcess } from './support/headless-process'
import { seed001Publisher, uniquePrefix } from './support/seed001'

let app: HeadlessProcess
let redis: Redis
const prefix = uniquePrefix('notifications')
const publisher = () => seed001Publisher(redis, prefix)

test.beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379/0')
  app = await startHeadlessProcess(['--source', publisher().pattern])
})

test.afterAll(async () => {
  redis?.disconnect()
  await app?.stop()
})

interface Shown {
  title: string
  body: string
  tag: string
}

declare global {
  interface Window {
    __notifications: Shown[]
    __clickNotification: (index: number) => void
  }
}

/** Records every notification the page creates, and lets the test click one. */
async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Notification
    const shown: Shown[] = []
    const created: Notification[] = []
    window.__notifications = shown
    window.__clickNotification = (index) => created[index]?.onclick?.(new Event('click'))
    window.Notification = new Proxy(Real, {
      construct(target, args: [string, NotificationOptions?]) {
        const [title, options] = args
        shown.push({ title, body: options?.body ?? '', tag: options?.tag ?? '' })
        const notification = Reflect.construct(target, args) as Notification
        created.push(notification)
        return notification
      },
    })
  })
}

/** A command over the headless WebSocket: the same contract the UI uses. */
async function command(command: UiCommand): Promise<void> {
  const socket = new WebSocket(`${app.url.replace('http', 'ws')}/api/events`)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const result = new Promise<unknown>((resolve) =>
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WsServerFrame
      if (frame.type === 'result') resolve(frame.result)
    }),
  )
  socket.send(JSON.stringify({ type: 'command', id: 1, command }))
  expect(await result).toEqual({ ok: true })
  socket.close()
}

async function instanceId(service: string): Promise<string> {
  let id: string | undefined
  await expect
    .poll(async () => {
      const services = (await (await fetch(`${app.url}/api/services`)).json()) as {
        id: string
        service: string
      }[]
      id = services.find((view) => view.service === service)?.id
      return id
    })
    .toBeTruthy()
  return id as string
}

test('a service dies: the browser shows "… dead"; a muted one shows nothing; a click opens it', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications'])
  await recordNotifications(page)
  const sockets: string[] = []
  page.on('websocket', (socket) => sockets.push(socket.url()))
  await page.goto(app.url)
  await expect(page.getByTestId('notifications-prompt')).toHaveCount(0)

  const { beat } = publisher()
  await beat('nt_hushed', 'h1', 1)
  const hushed = await instanceId('nt_hushed')
  await command({ type: 'mute', target: hushed, untilMs: null })
  await beat('nt_doomed', 'd1', 1)
  const doomed = await instanceId('nt_doomed')

  await expect
    .poll(() => page.evaluate(() => window.__notifications.map((shown) => shown.title)), { timeout: 10_000 })
    .toContain('nt_doomed is dead')
  // Long enough for the muted one's stale and dead (1.5 s and 3 s after its beat) and the hold after.
  await page.waitForTimeout(2_000)
  const shown = await page.evaluate(() => window.__notifications)
  expect(shown.filter((notification) => notification.title.includes('nt_hushed'))).toEqual([])
  const dead = shown.find((notification) => notification.title === 'nt_doomed is dead') as Shown
  expect(dead.body.startsWith(`d1 on ${publisher().pattern}: no heartbeat for `)).toBe(true)
  expect(dead.body).toMatch(/\(dead after 3 s\)$/)
  expect(new Set(shown.map((notification) => notification.tag)).size).toBe(shown.length)
  // They came over the list's own socket: a second one would cost a second snapshot and every delta twice.
  expect(sockets).toHaveLength(1)

  await page.evaluate((index) => window.__clickNotification(index), shown.indexOf(dead))
  await expect(page).toHaveURL(
    new RegExp(`#/services/${encodeURIComponent(doomed).replace(/[|.*?]/g, '\\$&')}$`),
  )
})

test('asks for the permission from a click while it is undecided', async ({ page }) => {
  await page.goto(app.url)
  const prompt = page.getByTestId('notifications-prompt')
  await expect(prompt).toBeVisible()
  await expect(prompt.getByRole('button', { name: 'Enable notifications' })).toBeVisible()
  await prompt.getByRole('button', { name: 'Not now' }).click()
  await expect(prompt).toHaveCount(0)
  await page.reload()
  await expect(page.getByTestId('notifications-prompt')).toHaveCount(0)
})
