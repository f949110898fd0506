import { useEffect } from 'react'
import { useHeartbeatStore } from '../store'

/** The theme setting on the page: `system` follows the OS (prefers-color-scheme), the others force it. */
export function useTheme(): void {
  const theme = useHeartbeatStore((state) => state.settings?.theme ?? 'system')
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}
