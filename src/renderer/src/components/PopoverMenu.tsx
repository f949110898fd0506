import { useEffect, useId, useRef, type ReactNode } from 'react'

export interface MenuItem {
  label: string
  onSelect(): void
  testId?: string
  danger?: boolean
}

/**
 * A button that opens a menu, on the platform's popover (top layer, light dismiss, Escape) so it is
 * never clipped by a scrolling pane. Placed under its button when it opens.
 */
export function PopoverMenu({
  label,
  items,
  className,
  testId,
  align = 'start',
}: {
  label: ReactNode
  items: readonly MenuItem[]
  className?: string
  testId?: string
  align?: 'start' | 'end'
}) {
  const id = useId()
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = menu.current
    if (!element) return
    const place = (event: Event): void => {
      if ((event as ToggleEvent).newState !== 'open' || !button.current) return
      const anchor = button.current.getBoundingClientRect()
      element.style.top = `${anchor.bottom + 4}px`
      if (align === 'end') {
        element.style.left = 'auto'
        element.style.right = `${document.documentElement.clientWidth - anchor.right}px`
      } else {
        element.style.right = 'auto'
        element.style.left = `${anchor.left}px`
      }
    }
    element.addEventListener('beforetoggle', place)
    return () => element.removeEventListener('beforetoggle', place)
  }, [align])

  return (
    <>
      <button
        ref={button}
        type="button"
        className={className ?? 'button'}
        popoverTarget={id}
        aria-haspopup="menu"
        data-testid={testId}
      >
        {label}
      </button>
      <div ref={menu} id={id} popover="auto" className="menu" role="menu">
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className="menu-item"
            data-danger={item.danger ?? false}
            data-testid={item.testId}
            onClick={() => {
              menu.current?.hidePopover()
              item.onSelect()
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  )
}
