/** Mutations of a valid payload, as a value (fields set, deleted, added) and as text (cut, insert, drop). */
import fc from 'fast-check'
import { hostileValue } from './hostile-input'

type Path = (string | number)[]

/** Every place in a value a mutation can hit: the root's own keys, and everything below them. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return []
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value)
  return keys.flatMap((key) => [
    [...prefix, key],
    ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key]),
  ])
}

function containerAt(root: unknown, path: Path): Record<string | number, unknown> | null {
  let node = root
  for (const key of path) node = (node as Record<string | number, unknown>)[key]
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : null
}

/** An own, enumerable property even for `__proto__`: plain assignment would change the prototype. */
function put(target: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'toString', 'constructor')),
    value: hostileValue,
  }),
)

export function mutate(sample: unknown, mutations: readonly Mutation[]): unknown {
  const root: unknown = structuredClone(sample)
  for (const change of mutations) {
    const paths = pathsOf(root)
    if (change.kind === 'add') {
      const containers = [[], ...paths].filter((path) => {
        const node = containerAt(root, path)
        return node !== null && !Array.isArray(node)
      })
      const target = containerAt(root, containers[change.at % containers.length] ?? [])
      if (target) put(target, change.key, structuredClone(change.value))
      continue
    }
    const path = paths[change.at % Math.max(1, paths.length)]
    if (!path) continue
    const parent = containerAt(root, path.slice(0, -1))
    const key = path[path.length - 1] as string | number
    if (!parent) continue
    if (change.kind === 'set') put(parent, key, structuredClone(change.value))
    else if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
  }
  return root
}

type TextMutation = { kind: 'cut' | 'insert' | 'drop'; at: number; text: string }

export const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom('cut', 'insert', 'drop'),
  at: fc.nat(),
  text: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
})

export function mutateText(text: string, change: TextMutation | null): string {
  if (change === null || text.length === 0) return text
  const at = change.at % text.length
  if (change.kind === 'cut') return text.slice(0, at)
  if (change.kind === 'insert') return text.slice(0, at) + change.text + text.slice(at)
  return text.slice(0, at) + text.slice(at + change.text.length)
}
