/** "Test connection": start a source on its own, wait for it to connect or fail, and say which. */
import { parseSourceUrl } from '../core/source-url'
import { planSource } from '.'

export type TestResult = { ok: true; message: string } | { ok: false; error: string }

export async function testSourceUrl(url: string, timeoutMs = 5_000): Promise<TestResult> {
  const parsed = parseSourceUrl(url)
  if (!parsed.ok) return { ok: false, error: parsed.error }
  const { source } = planSource(parsed.spec)
  let timer: NodeJS.Timeout | undefined
  const result = await new Promise<TestResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: `no answer within ${timeoutMs / 1000} s` }),
      timeoutMs,
    )
    source.start({
      message: () => undefined,
      removed: () => undefined,
      details: () => undefined,
      health: (state, error) => {
        if (state === 'connected') resolve({ ok: true, message: `connected to ${parsed.spec.displayUrl}` })
        else if (state === 'disconnected') resolve({ ok: false, error: error ?? 'disconnected' })
      },
    })
  })
  clearTimeout(timer)
  await source.stop()
  return result
}
