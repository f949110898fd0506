/**
 * Editing a source is removing it and adding the new URL (the engine has no "change"). Done in the order
 * that loses nothing when the new URL is refused: add first, then remove the old one. Only when both
 * would have the same id (say, only a password changed) must the old one go first.
 */
import type { CommandResult, UiCommand } from '../../shared/api'

type Send = (command: UiCommand) => Promise<CommandResult>

export async function replaceSource(send: Send, oldId: string, newUrl: string): Promise<CommandResult> {
  const added = await send({ type: 'addSource', url: newUrl })
  if (added.ok) {
    const removed = await send({ type: 'removeSource', id: oldId })
    if (!removed.ok && !removed.error.startsWith('no such source'))
      return { ok: false, error: `added the new URL, but could not remove the old one: ${removed.error}` }
    return added
  }
  if (!added.error.startsWith('already watching')) return added
  const removed = await send({ type: 'removeSource', id: oldId })
  if (!removed.ok) return removed
  const readded = await send({ type: 'addSource', url: newUrl })
  return readded.ok
    ? readded
    : { ok: false, error: `removed the old source, but the new URL failed: ${readded.error}` }
}
