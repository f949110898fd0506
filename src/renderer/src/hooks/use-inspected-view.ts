import { useEffect } from 'react'
import type { ServiceView } from '../../../shared/model'
import { sendCommand, useHeartbeatStore } from '../store'

/**
 * The whole view of one instance, which the engine sends while this UI inspects it; null until it has.
 * Asked again after every snapshot: a snapshot follows a new connection, which inspects nothing yet.
 */
export function useInspectedView(id: string): ServiceView | null {
  const snapshots = useHeartbeatStore((state) => state.snapshots)
  useEffect(() => {
    if (snapshots === 0) return
    void sendCommand({ type: 'inspect', id })
    return () => void sendCommand({ type: 'inspect', id: null })
  }, [id, snapshots])
  return useHeartbeatStore((state) => (state.inspected?.id === id ? state.inspected : null))
}
