/** The Sources and Settings panes in Chromium, against the real headless app and the real Redis. */
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import { startHeadlessProcess, type HeadlessProcess } from './support/headless-process'
import { seed001Publisher, uniquePrefix } from './support/seed001'

let app: HeadlessProcess
let redis: Redis
const first = uniquePrefix('sources-a')
const added = uniquePrefix('sources-b')
const edited = uniquePrefix('sources-c')

// Granted, so the browser-notifications prompt stays out of the screenshots.
test.use({ permissions: ['notifications'] })

test.beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379/0')
  app = await startHeadlessProcess(['--source', seed001Publisher(redis, first).pattern])
})

test.afterAll(async () => {
  redis?.disconnect()
  await app?.stop()
})

test('adding a source by URL: test connection, add, and its heartbeats arrive', async ({ page }) => {
  const publisher = seed001Publisher(redis, added)
  await page.goto(`${app.url}/#/sources`)
  await page.getByTestId('add-source-url').fill(publisher.pattern)
  await page.getByTestId('add-source-test').click()
  await expect(page.getByTestId('add-source-feedback')).toHaveAttribute('data-ok', 'true')
  await expect(page.getByTestId('add-source-feedback')).toContainText('connected to redis://127.0.0.1:6379/0')

  await page.getByTestId('add-source-submit').click()
  const card = page.locator(`[data-testid="source-row"][data-source="${publisher.pattern}"]`)
  await expect(card).toHaveAttribute('data-state', 'connected')
  await expect(page.getByTestId('add-source-url')).toHaveValue('')

  await publisher.beat('arrived_by_ui', 'x1', 60)
  await expect(card).toContainText('1received')
  await page.getByTestId('tab-services').click()
  await expect(page.locator('[data-testid="service-row"][data-service="arrived_by_ui"]')).toBeVisible()
})

test('a bad URL shows the exact error, and so does a failed connection test', async ({ page }) => {
  await page.goto(`${app.url}/#/sources`)
  const url = page.getByTestId('add-source-url')
  const feedback = page.getByTestId('add-source-feedback')
  await url.fill('nonsense://somewhere')
  await page.getByTestId('add-source-submit').click()
  await expect(feedback).toHaveAttribute('data-ok', 'false')
  await expect(feedback).toContainText('nonsense')
  const cards = page.getByTestId('source-row')
  const before = await cards.count()

  await url.fill('redis://127.0.0.1:1/0?pattern=nowhere:*')
  await page.getByTestId('add-source-test').click()
  await expect(feedback).toHaveAttribute('data-ok', 'false', { timeout: 10_000 })
  await expect(feedback).toContainText('ECONNREFUSED')
  await expect(cards).toHaveCount(before)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: 'e2e/artifacts/sources.png' })
})

test('editing a source replaces its URL; removing it stops watching', async ({ page }) => {
  const from = seed001Publisher(redis, added).pattern
  const to = seed001Publisher(redis, edited).pattern
  await page.goto(`${app.url}/#/sources`)
  const card = page.locator(`[data-testid="source-row"][data-source="${from}"]`)
  await card.getByTestId('edit-source').click()
  await card.getByTestId('edit-source-url').fill(to)
  await card.getByTestId('edit-source-submit').click()
  const replaced = page.locator(`[data-testid="source-row"][data-source="${to}"]`)
  await expect(replaced).toHaveAttribute('data-state', 'connected')
  await expect(card).toHaveCount(0)

  await replaced.getByTestId('remove-source').click()
  await replaced.getByTestId('remove-source-confirm').click()
  await expect(replaced).toHaveCount(0)
  const api = (await (await fetch(`${app.url}/api/sources`)).json()) as { id: string }[]
  expect(api.map((source) => source.id)).not.toContain(to)
})

test('settings apply at once, and what the engine refuses is said', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 960 })
  await page.goto(`${app.url}/#/settings`)
  const dead = page.getByTestId('setting-deadFactor')
  await dead.fill('1')
  await dead.press('Enter')
  await expect(page.getByTestId('setting-deadFactor-feedback')).toContainText(
    'deadFactor must be greater than staleFactor',
  )
  await dead.fill('4')
  await dead.press('Enter')
  await expect(page.getByTestId('setting-deadFactor-feedback')).toHaveText('Saved')

  const reminder = page.getByTestId('setting-reminderMinutes')
  await reminder.fill('often')
  await reminder.press('Enter')
  await expect(page.getByText('Enter a number')).toBeVisible()
  await reminder.fill('15')
  await reminder.press('Enter')
  await expect(page.getByTestId('setting-reminderMinutes-feedback')).toHaveText('Saved')

  await page.getByTestId('setting-notifyStale').click()
  await expect(page.getByTestId('setting-notifyStale')).not.toBeChecked()
  await page.getByTestId('theme-dark').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.getByTestId('theme-system').click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system')
  await page.mouse.move(0, 0)
  await page.screenshot({ path: 'e2e/artifacts/settings.png' })
})

test('snooze from the header, with the snoozed state in view until it ends', async ({ page }) => {
  await page.goto(app.url)
  const snooze = page.getByTestId('snooze')
  await page.getByTestId('snooze-button').click()
  await page.getByRole('menuitem', { name: 'For 4 hours' }).click()
  await expect(snooze).toHaveAttribute('data-snoozed', 'true')
  await expect(snooze).toContainText('Snoozed until')
  await page.getByTestId('snooze-button').click()
  await page.getByTestId('end-snooze').click()
  await expect(snooze).toHaveAttribute('data-snoozed', 'false')
})
