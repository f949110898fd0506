/** The services list and the detail pane in Chromium, against the real headless app and the real Redis. */
import { expect, test, type Page } from '@playwright/test'
import { Redis } from 'ioredis'
import { startHeadlessProcess, type HeadlessProcess } from './support/headless-process'
import { seed001Publisher, uniquePrefix } from './support/seed001'

let app: HeadlessProcess
let redis: Redis
const prefix = uniquePrefix('services-ui')
const publisher = () => seed001Publisher(redis, prefix)

test.beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379/0')
  app = await startHeadlessProcess(['--source', publisher().pattern])
})

test.afterAll(async () => {
  redis?.disconnect()
  await app?.stop()
})

const rows = (page: Page) => page.getByTestId('service-row')
const row = (page: Page, service: string, instance: string) =>
  page.locator(`[data-testid="service-row"][data-service="${service}"][data-instance="${instance}"]`)

test('filter by state and search narrow the list', async ({ page }) => {
  await page.goto(app.url)
  const { beat } = publisher()
  await beat('ft_alpha', 'a1', 60)
  await beat('ft_beta', 'b1', 60)
  await beat('ft_gamma', 'g1', 1)
  await expect(row(page, 'ft_gamma', 'g1')).toHaveAttribute('data-state', 'dead', { timeout: 8_000 })
  await expect(rows(page)).toHaveCount(3)

  await page.locator('[data-testid="state-filter"][data-state="dead"]').click()
  await expect(rows(page)).toHaveCount(1)
  await expect(row(page, 'ft_gamma', 'g1')).toBeVisible()
  await expect(page.locator('[data-testid="state-filter"][data-state="alive"]')).toContainText('2')

  await page.locator('[data-testid="state-filter"][data-state="all"]').click()
  await expect(rows(page)).toHaveCount(3)

  const search = page.getByTestId('search')
  await search.fill('beta')
  await expect(rows(page)).toHaveCount(1)
  await expect(row(page, 'ft_beta', 'b1')).toBeVisible()
  await search.fill('a1')
  await expect(rows(page)).toHaveCount(1)
  await expect(row(page, 'ft_alpha', 'a1')).toBeVisible()
  await search.fill('no-such-thing')
  await expect(page.getByTestId('no-match')).toBeVisible()
  await search.press('Escape')
  await expect(search).toHaveValue('')
  await expect(rows(page)).toHaveCount(3)
})

test('keyboard: / finds, arrows move, Enter opens the detail, Escape closes it', async ({ page }) => {
  await page.goto(app.url)
  await publisher().beat('kb_one', 'k1', 60)
  await publisher().beat('kb_two', 'k2', 60)
  await expect(row(page, 'kb_two', 'k2')).toBeVisible()
  await page.keyboard.press('/')
  await expect(page.getByTestId('search')).toBeFocused()
  await page.keyboard.type('kb_')
  // Down from the search box lands on the first instance; the arrows move from there.
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('service-list')).toBeFocused()
  await expect(row(page, 'kb_one', 'k1')).toHaveAttribute('data-cursor', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(row(page, 'kb_two', 'k2')).toHaveAttribute('data-cursor', 'true')
  await page.keyboard.press('Enter')
  const detail = page.getByTestId('detail')
  await expect(detail.getByRole('heading', { name: 'kb_two', exact: true })).toBeVisible()
  await expect(page).toHaveURL(/#\/services\//)
  // With the detail open, it follows the keyboard.
  await page.keyboard.press('ArrowUp')
  await expect(detail.getByRole('heading', { name: 'kb_one', exact: true })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(detail).toBeHidden()
  await expect(page).toHaveURL(/#\/services$/)
})

test('a row shows its key metrics; the detail shows the last payload and follows new heartbeats', async ({
  page,
}) => {
  await page.goto(app.url)
  const { beat } = publisher()
  await beat('pl_one', 'p1', 60, { queue_size: 7 })
  const line = row(page, 'pl_one', 'p1')
  await expect(line.locator('.cell-metrics')).toHaveText(/cpu 12\.5 %.*mem 156 MB/)
  await line.click()
  const payload = page.getByTestId('detail').getByTestId('payload')
  await expect(payload).toContainText('"queue_size": 7')
  await expect(page.getByTestId('gap-sparkline').or(page.getByText(/No gaps yet/))).toBeVisible()

  // The engine sends the inspected instance again after each delta that changed it.
  await beat('pl_one', 'p1', 60, { queue_size: 8, cpu_usage_percent: 91 })
  await expect(payload).toContainText('"queue_size": 8')
  await expect(line.locator('.cell-metrics')).toContainText('cpu 91 %')
  // After a reload the page asks again: a new connection inspects nothing until it does.
  await page.reload()
  await expect(page.getByTestId('detail').getByTestId('payload')).toContainText('"queue_size": 8')
})

test('mute through the UI: the row says muted, and unmute takes it back', async ({ page }) => {
  await page.goto(app.url)
  await publisher().beat('mute_me', 'm1', 60)
  const target = row(page, 'mute_me', 'm1')
  await target.click()
  await page.getByTestId('mute-1h').click()
  await expect(target.getByTestId('muted-mark')).toBeVisible()
  await expect(page.getByTestId('muted-note')).toContainText('Muted until')
  const api = (await (await fetch(`${app.url}/api/services`)).json()) as { service: string; muted: unknown }[]
  expect(api.find((service) => service.service === 'mute_me')?.muted).not.toBeNull()

  await page.getByTestId('unmute').click()
  await expect(target.getByTestId('muted-mark')).toBeHidden()
  await expect(page.getByTestId('mute-recovered')).toBeVisible()
})

test('a service rolls up its instances; a restart leaves a gone one, listed apart', async ({ page }) => {
  await page.goto(app.url)
  const { beat } = publisher()
  await beat('rollup_svc', 'r1', 60)
  await beat('rollup_svc', 'r2', 60)
  // r3 beats on past one dead interval (3 s) after r1 and r2 appeared, so they cannot be its restart.
  for (let n = 0; n < 9; n++) {
    await beat('rollup_svc', 'r3', 1)
    await page.waitForTimeout(500)
  }
  const group = page.locator('[data-testid="service-group"][data-service="rollup_svc"]')
  await expect(group.getByTestId('rollup-summary')).toHaveText('2 of 3 alive, 1 dead', { timeout: 8_000 })
  await expect(group).toHaveAttribute('data-state', 'dead')

  // A restart: the old id falls silent while a new one starts.
  await beat('restart_svc', 'old1', 1)
  await beat('restart_svc', 'new1', 60)
  const restarted = page.locator('[data-testid="service-group"][data-service="restart_svc"]')
  await expect(restarted.getByTestId('rollup-summary')).toHaveText('1 of 1 alive, 1 gone', { timeout: 8_000 })
  await expect(row(page, 'restart_svc', 'old1')).toHaveCount(0)
  await page.getByTestId('gone-group').click()
  await expect(row(page, 'restart_svc', 'old1')).toHaveAttribute('data-state', 'gone')
  await expect(row(page, 'restart_svc', 'old1')).toContainText('replaced by new1')

  // Forget it from its detail: gone from the list at once (its history stays).
  await row(page, 'restart_svc', 'old1').click()
  await page.getByTestId('forget').click()
  await expect(row(page, 'restart_svc', 'old1')).toHaveCount(0)
  // One instance and nothing gone: the service is a single row again.
  await expect(restarted).toHaveCount(0)
  await expect(row(page, 'restart_svc', 'new1')).toHaveAttribute('data-state', 'alive')
})

test('a link to a service, as a notification or the tray opens it, shows its worst instance', async ({
  page,
}) => {
  const serviceLink = (service: string) =>
    `${app.url}/#/services/${encodeURIComponent(`${publisher().pattern}|${service}`)}`
  // Read on load, before the first snapshot has come.
  await page.goto(serviceLink('rollup_svc'))
  const detail = page.getByTestId('detail')
  await expect(detail.getByText('r3', { exact: true })).toBeVisible()
  await expect(detail.locator('.state-badge')).toHaveText('dead')
  // And as the hash changes under a page already open.
  await page.evaluate((link) => (window.location.href = link), serviceLink('mute_me'))
  await expect(detail.getByRole('heading', { name: 'mute_me', exact: true })).toBeVisible()
})
