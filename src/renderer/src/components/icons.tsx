/** The few icons the UI uses, inline so the strict CSP needs no image source. 16 px, currentColor. */
import type { ReactNode } from 'react'

function Icon({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <svg
      className="icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={label === undefined}
      aria-label={label}
      role={label === undefined ? undefined : 'img'}
    >
      {children}
    </svg>
  )
}

export const ChevronIcon = () => (
  <Icon>
    <path d="M6 4l4 4-4 4" />
  </Icon>
)

export const SearchIcon = () => (
  <Icon>
    <circle cx="7" cy="7" r="4.25" />
    <path d="M10.2 10.2L13.5 13.5" />
  </Icon>
)

export const CloseIcon = () => (
  <Icon>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
)

export const BellIcon = () => (
  <Icon>
    <path d="M4 11V7a4 4 0 018 0v4l1 1.5H3L4 11zM6.5 14a1.5 1.5 0 003 0" />
  </Icon>
)

export const MutedIcon = ({ label }: { label?: string }) => (
  <Icon label={label}>
    <path d="M4 11V7a4 4 0 016.5-3.1M12 6.5V11l1 1.5H5.5M6.5 14a1.5 1.5 0 003 0M2.5 2.5l11 11" />
  </Icon>
)

export const MoonIcon = () => (
  <Icon>
    <path d="M13 9.5A5.5 5.5 0 016.5 3a5.5 5.5 0 106.5 6.5z" />
  </Icon>
)

export const PlusIcon = () => (
  <Icon>
    <path d="M8 3v10M3 8h10" />
  </Icon>
)
