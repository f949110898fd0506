/** 10,000 instances in the list: it renders them and scrolls, with only the rows in view in the DOM. */
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import { startHeadlessProcess, type HeadlessProcess } from './support/headless-process'
import { seed001Message, seed001Publisher, uniquePrefix } from './support/seed001'

const COUNT = 10_000
/** Rows in the DOM: a screenful plus the overscan, nowhere near COUNT. */
const MAX_DOM_ROWS = 80

let app: HeadlessProcess
let redis: Redis
const prefix = uniquePrefix('many')

test.beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379/0')
  app = await startHeadlessProcess(['--source', seed001Publisher(redis, prefix).pattern])
})

test.afterAll(async () => {
  redis?.disconnect()
  await app?.stop()
})

test('10,000 services render and scroll with few rows in the DOM', async ({ page }) => {
  test.setTimeout(120_000)
  await page.goto(app.url)
  await expect(page.getByText('Waiting for heartbeats')).toBeVisible()

  const pipeline = redis.pipeline()
  for (let n = 0; n < COUNT; n++) {
    const service = `svc-${String(n).padStart(5, '0')}`
    pipeline.publish(`${prefix}:heartbeat:service:${service}`, seed001Message(service, `i-${n}`, 3_600))
  }
  await pipeline.exec()

  const all = page.locator('[data-testid="state-filter"][data-state="all"]')
  await expect(all).toContainText('10,000', { timeout: 30_000 })
  await page.getByTestId('sort-name').click()
  const domRows = page.locator('[data-testid="service-list-scroll"] [role="row"]')
  expect(await domRows.count()).toBeLessThan(MAX_DOM_ROWS)
  await expect(page.locator('[data-testid="service-row"][data-service="svc-00000"]')).toBeVisible()

  const scroller = page.getByTestId('service-list-scroll')
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
  await expect(page.locator('[data-testid="service-row"][data-service^="svc-04"]').first()).toBeVisible()
  expect(await domRows.count()).toBeLessThan(MAX_DOM_ROWS)

  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight))
  await expect(page.locator('[data-testid="service-row"][data-service="svc-09999"]')).toBeVisible()
  expect(await domRows.count()).toBeLessThan(MAX_DOM_ROWS)

  // Keyboard to the top again: Home moves the cursor and brings its row into view.
  await page.getByTestId('service-list').focus()
  await page.keyboard.press('Home')
  await expect(page.locator('[data-testid="source-group"]')).toBeVisible()

  // A search narrows 10,000 to one, quickly.
  await page.getByTestId('search').fill('svc-01234')
  await expect(page.getByTestId('service-row')).toHaveCount(1)
  await expect(page.locator('[data-testid="service-row"][data-service="svc-01234"]')).toBeVisible()
})
