import type { ReactNode } from 'react'
import { ROW_HEIGHT_PX } from './list-columns'

/** Where a row sits in the virtual list, and whether the keyboard is on it. */
export interface RowPosition {
  index: number
  cursor: boolean
  onActivate(index: number): void
}

interface RowFrameProps extends RowPosition {
  level: number
  className: string
  selected?: boolean
  expanded?: boolean
  testId?: string
  data?: Record<string, string>
  children: ReactNode
}

/** The positioned, ARIA-labelled shell every kind of row shares. */
export function RowFrame({
  index,
  cursor,
  onActivate,
  level,
  className,
  selected = false,
  expanded,
  testId,
  data = {},
  children,
}: RowFrameProps) {
  const dataAttributes = Object.fromEntries(
    Object.entries(data).map(([key, value]) => [`data-${key}`, value]),
  )
  return (
    <div
      role="row"
      id={rowDomId(index)}
      className={`row ${className}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT_PX}px)` }}
      aria-rowindex={index + 2}
      aria-level={level}
      aria-selected={selected}
      aria-expanded={expanded}
      data-cursor={cursor}
      data-testid={testId}
      {...dataAttributes}
      onClick={() => onActivate(index)}
    >
      {children}
    </div>
  )
}

export function rowDomId(index: number): string {
  return `service-list-row-${index}`
}
