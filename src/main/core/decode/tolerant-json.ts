/**
 * JSON.parse that also takes what Python's json.dumps writes by default: bare NaN, Infinity and
 * -Infinity (allow_nan=True). They become null, since JSON has no such numbers.
 */
export type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string }

export function parseTolerantJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    const firstError = (error as Error).message
    const replaced = replaceNonFiniteLiterals(text)
    if (replaced === text) return { ok: false, reason: `bad JSON: ${firstError}` }
    try {
      return { ok: true, value: JSON.parse(replaced) }
    } catch {
      return { ok: false, reason: `bad JSON: ${firstError}` }
    }
  }
}

const NON_FINITE = ['-Infinity', 'Infinity', 'NaN'] as const

/** Replaces NaN/Infinity tokens outside of strings with null; leaves string contents untouched. */
function replaceNonFiniteLiterals(text: string): string {
  let out = ''
  let inString = false
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (inString) {
      out += ch
      if (ch === '\\') {
        out += text[i + 1] ?? ''
        i += 2
        continue
      }
      if (ch === '"') inString = false
      i++
      continue
    }
    if (ch === '"') {
      inString = true
      out += ch
      i++
      continue
    }
    const literal = NON_FINITE.find((word) => text.startsWith(word, i))
    if (literal) {
      out += 'null'
      i += literal.length
      continue
    }
    out += ch
    i++
  }
  return out
}
