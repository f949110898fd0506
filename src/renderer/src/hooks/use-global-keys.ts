import { useEffect } from 'react'
import { ui, useUiStore } from '../ui-store'

/** "/" finds, Escape closes the detail: anywhere but inside a text field or an open menu. */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
      if (isTyping(event.target)) return
      if (event.key === '/') {
        event.preventDefault()
        ui.focusSearch()
      } else if (event.key === 'Escape' && useUiStore.getState().selectedId !== null) {
        if (document.querySelector(':popover-open')) return
        ui.closeDetail()
        document.querySelector<HTMLElement>('[data-testid="service-list"]')?.focus()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  )
}
