import { describe, expect, it } from 'vitest'
import { InstanceIndex } from './instance-index'

const record = (service: string, instance: string) => ({ service, instance })

describe('InstanceIndex', () => {
  it('finds one instance of a service, then each of several, by service and instance name', () => {
    const index = new InstanceIndex<ReturnType<typeof record>>()
    const a = record('api', 'a')
    const b = record('api', 'b')
    const w = record('worker', 'a')
    index.add(a)
    expect(index.get('api', 'a')).toBe(a)
    expect(index.get('api', 'b')).toBeUndefined()
    index.add(b)
    index.add(w)

    expect(index.get('api', 'a')).toBe(a)
    expect(index.get('api', 'b')).toBe(b)
    expect(index.get('worker', 'a')).toBe(w)
    expect([...index.siblings('api')]).toEqual([a, b])
    expect([...index.all()]).toEqual([a, b, w])
  })

  it('forgets instances, and only the record it holds under that name', () => {
    const index = new InstanceIndex<ReturnType<typeof record>>()
    const a = record('api', 'a')
    const b = record('api', 'b')
    index.add(a)
    index.delete(record('api', 'a'))
    expect(index.get('api', 'a')).toBe(a)

    index.add(b)
    index.delete(a)
    index.delete(b)
    expect(index.has('api', 'a')).toBe(false)
    expect([...index.all()]).toEqual([])
    expect([...index.siblings('api')]).toEqual([])
  })

  it('replaces the record held under a name that comes again', () => {
    const index = new InstanceIndex<ReturnType<typeof record>>()
    const first = record('api', 'a')
    const again = record('api', 'a')
    index.add(first)
    index.add(again)
    expect(index.get('api', 'a')).toBe(again)
    expect([...index.all()]).toHaveLength(1)
  })

  it('lets its instances be forgotten while they are walked', () => {
    const index = new InstanceIndex<ReturnType<typeof record>>()
    for (const name of ['a', 'b', 'c']) index.add(record('api', name))
    index.add(record('solo', 'x'))
    for (const each of index.all()) index.delete(each)
    expect([...index.all()]).toEqual([])
  })
})
