import { describe, expect, it } from 'vitest'
import type { ServiceState, ServiceView } from '../../shared/model'
import { rollUp } from './rollup'

const view = (service: string, instance: string, state: ServiceState): ServiceView =>
  ({ id: `s|${service}|${instance}`, service, instance, source: 's', state }) as ServiceView

describe('rollUp', () => {
  it('counts instances by state and takes the worst live one', () => {
    const [fetcher, geo] = rollUp([
      view('tracker_fetcher', 'a', 'alive'),
      view('tracker_fetcher', 'b', 'dead'),
      view('tracker_fetcher', 'c', 'alive'),
      view('tracker_fetcher', 'd', 'gone'),
      view('geo', 'x', 'stopped'),
    ])
    expect(fetcher).toMatchObject({
      id: 's|tracker_fetcher',
      state: 'dead',
      summary: '2 of 3 alive, 1 dead, 1 gone',
    })
    expect(fetcher?.counts).toMatchObject({ alive: 2, dead: 1, gone: 1 })
    expect(fetcher?.instances).toHaveLength(4)
    expect(geo).toMatchObject({ state: 'stopped', summary: '1 stopped' })
  })
})
