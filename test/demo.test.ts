/** `heartbeat-tray demo`: every demo service shows up over the built-in push endpoint within seconds. */
import { afterEach, describe, expect, it } from 'vitest'
import { startDemo, type Demo } from '../src/publisher/demo'
import { watch, type Harness } from './support/engine-harness'
import { freePort } from './support/redis-server'
import { waitFor } from './support/wait'

let harness: Harness | undefined
let demo: Demo | undefined
afterEach(async () => {
  await demo?.stop()
  await harness?.stop()
})

describe('demo', () => {
  it('publishes steady, replicated, jittery and pinged services to the push endpoint', async () => {
    const port = await freePort()
    harness = watch(`push://127.0.0.1:${port}`)
    await harness.waitForSource('connected')
    demo = startDemo({ to: `push://127.0.0.1:${port}` })
    const engine = harness.engine
    await waitFor(
      () => new Set(engine.services().map((s) => s.service)).size === demo?.services.length,
      8_000,
      'every demo service',
    )
    const checkout = engine.services().filter((s) => s.service === 'demo-checkout-api')
    expect(checkout.map((s) => s.instance).sort()).toEqual(['checkout-a', 'checkout-b', 'checkout-c'])
    await waitFor(() => engine.services().every((s) => s.state === 'alive'), 8_000, 'all alive')
    const geocoder = engine.services().find((s) => s.service === 'demo-geocoder')
    expect(geocoder?.intervalOrigin).not.toBe('declared')
    expect(engine.services().find((s) => s.service === 'demo-email-worker')?.intervalOrigin).toBe('declared')
    expect(engine.sourceViews()[0]?.rejected).toBe(0)
  }, 20_000)
})
