/** The headless UI in Chromium, against the real app process and the real Redis. */
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import { startHeadlessProcess, type HeadlessProcess } from './support/headless-process'

let app: HeadlessProcess
let publisher: Redis
const prefix = `e2e-${process.pid}-${Date.now().toString(36)}`

test.beforeAll(async () => {
  app = await startHeadlessProcess([
    '--source',
    `redis://127.0.0.1:6379/0?pattern=${prefix}:heartbeat:service:*`,
  ])
  publisher = new Redis('redis://127.0.0.1:6379/0')
})

test.afterAll(async () => {
  publisher?.disconnect()
  await app?.stop()
})

function heartbeat(service: string, instance: string, intervalSeconds: number): string {
  return JSON.stringify({
    service_name: service,
    instance_id: instance,
    timestamp: new Date().toISOString().replace('Z', '+00:00'),
    interval_seconds: intervalSeconds,
    memory_usage_mb: 120.5,
  })
}

test('a service goes alive, stale, dead and alive again on screen', async ({ page }) => {
  await page.goto(app.url)
  await expect(page.getByText('Waiting for heartbeats')).toBeVisible()

  const channel = `${prefix}:heartbeat:service:tracker_fetcher`
  await publisher.publish(channel, heartbeat('tracker_fetcher', 'a1b2c3d4', 1))
  const row = page.locator(
    '[data-testid="service-row"][data-service="tracker_fetcher"][data-instance="a1b2c3d4"]',
  )
  await expect(row).toHaveAttribute('data-state', 'alive')
  await expect(row).toContainText('alive')

  await expect(row).toHaveAttribute('data-state', 'stale', { timeout: 5_000 })
  await expect(row).toHaveAttribute('data-state', 'dead', { timeout: 5_000 })

  await publisher.publish(channel, heartbeat('tracker_fetcher', 'a1b2c3d4', 1))
  await expect(row).toHaveAttribute('data-state', 'alive')
  await page.screenshot({ path: 'e2e/artifacts/services.png', fullPage: true })
  expect(app.output()).toMatch(/tracker_fetcher\/a1b2c3d4 alive → stale/)
})
