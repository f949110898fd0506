/**
 * The screenshots in the README: a fleet as seed 001 shows it, in the list and in the detail pane.
 * Saved to e2e/artifacts/ on every run (with sources.png and settings.png from sources-ui.spec.ts).
 */
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import { startHeadlessProcess, type HeadlessProcess } from './support/headless-process'
import { seed001Publisher, uniquePrefix } from './support/seed001'

let app: HeadlessProcess
let redis: Redis
const prefix = uniquePrefix('shots')

// Granted, so the browser-notifications prompt stays out of the screenshots.
test.use({ permissions: ['notifications'] })

test.beforeAll(async () => {
  redis = new Redis('redis://127.0.0.1:6379/0')
  app = await startHeadlessProcess(['--source', seed001Publisher(redis, prefix).pattern])
})

test.afterAll(async () => {
  redis?.disconnect()
  await app?.stop()
})

const STEADY: [string, string, Record<string, unknown>][] = [
  ['tracker_fetcher', '3f9c2a71', { queue_size: 4, api_status: 'ok' }],
  ['tracker_fetcher', '8b41d0e5', { queue_size: 2, memory_usage_mb: 171.2, cpu_usage_percent: 9.1 }],
  ['geofence_monitor', 'c2d7e9f0', { active_geofences: 118, memory_usage_mb: 88.4, cpu_usage_percent: 3.2 }],
  ['event_dispatcher', '1a2b3c4d', { pending_events: 12, memory_usage_mb: 240.9, cpu_usage_percent: 27.5 }],
  ['api_gateway', '77e1f0aa', { pending_requests: 3, memory_usage_mb: 312.7, cpu_usage_percent: 18.8 }],
  ['cache_warmer', '5d6e7f80', { cache_size: 20_481, memory_usage_mb: 512.3, cpu_usage_percent: 4.4 }],
]

test('the list and the detail of a fleet', async ({ page }) => {
  test.setTimeout(90_000)
  await page.setViewportSize({ width: 1280, height: 720 })
  const { beat } = seed001Publisher(redis, prefix)
  await page.goto(app.url)
  for (const [service, instance, extra] of STEADY) await beat(service, instance, 30, extra)
  // A restart under a new id (the old one goes `gone`), then a replica that stops beating (dead) and a
  // publisher that slows down (stale): each beats first for longer than its dead interval.
  await beat('billing_sync', '0c0ffee1', 1)
  await beat('billing_sync', '4be11a7e', 30)
  const lateBeats = setInterval(() => {
    void beat('tracker_fetcher', 'e06b4c19', 1, {
      queue_size: 57,
      memory_usage_mb: 401.6,
      cpu_usage_percent: 61,
    })
    void beat('report_builder', 'd34db33f', 2, { memory_usage_mb: 96.5, cpu_usage_percent: 1.2 })
  }, 400)
  await page.waitForTimeout(4_500)
  clearInterval(lateBeats)
  const dead = page.locator(
    '[data-testid="service-row"][data-service="tracker_fetcher"][data-instance="e06b4c19"]',
  )
  await expect(dead).toHaveAttribute('data-state', 'dead', { timeout: 8_000 })
  await expect(page.locator('[data-testid="service-row"][data-service="report_builder"]')).toHaveAttribute(
    'data-state',
    'stale',
  )
  await page.mouse.move(0, 0)
  await page.screenshot({ path: 'e2e/artifacts/list.png' })

  await dead.click()
  await expect(page.getByTestId('detail')).toBeVisible()
  await expect(page.getByTestId('gap-sparkline')).toBeVisible()
  await page.mouse.move(0, 0)
  await page.screenshot({ path: 'e2e/artifacts/detail.png' })

  // The OS in dark mode: the page follows it (the theme setting says "system").
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: 'e2e/artifacts/detail-dark.png' })
})
