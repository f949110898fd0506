import { useInspectedView } from '../../hooks/use-inspected-view'
import { useHeartbeatStore } from '../../store'
import { ui } from '../../ui-store'
import { CloseIcon, MutedIcon } from '../icons'
import { StateBadge } from '../StateBadge'
import { GapSparkline } from './GapSparkline'
import { InstanceActions } from './InstanceActions'
import { InstanceFacts } from './InstanceFacts'
import { UptimeBar } from './UptimeBar'

/**
 * Everything about one instance: facts, rhythm, history, actions and its last payload. Its row comes
 * with every delta; the rest (payload, gaps, timing) the engine sends while the pane inspects it.
 */
export function DetailPane({ id }: { id: string }) {
  const instance = useHeartbeatStore((state) => state.services.get(id))
  const view = useInspectedView(id)
  return (
    <aside className="detail" aria-label="Instance detail" data-testid="detail">
      {instance === undefined ? (
        <div className="detail-header">
          <p className="muted">This instance is no longer listed.</p>
          <CloseButton />
        </div>
      ) : (
        <>
          <div className="detail-header" data-state={instance.state}>
            <div className="detail-title">
              <h2>{instance.service}</h2>
              <p className="instance-id" title={instance.instance}>
                {instance.instance}
              </p>
            </div>
            <div className="detail-badges">
              {instance.flapping === true && (
                <span className="tag" data-state="stale" title="Changes state too often to alert on">
                  flapping
                </span>
              )}
              {instance.muted !== null && (
                <span className="muted-mark">
                  <MutedIcon label="muted" />
                </span>
              )}
              <StateBadge state={instance.state} />
            </div>
            <CloseButton />
          </div>
          <div className="detail-body">
            {view ? <InstanceFacts instance={view} /> : <Loading />}
            <section className="detail-section">
              <h3>Gaps between heartbeats</h3>
              {view ? <GapSparkline instance={view} /> : <Loading />}
            </section>
            <section className="detail-section">
              <h3>Recent states</h3>
              <UptimeBar instance={instance} />
            </section>
            <section className="detail-section">
              <h3>Actions</h3>
              <InstanceActions instance={instance} />
            </section>
            <section className="detail-section">
              <h3>Last payload</h3>
              {view ? (
                <pre className="payload" data-testid="payload">
                  {JSON.stringify(view.payload, null, 2)}
                </pre>
              ) : (
                <Loading />
              )}
            </section>
          </div>
        </>
      )}
    </aside>
  )
}

function Loading() {
  return <p className="muted small">Loading…</p>
}

function CloseButton() {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Close detail (Esc)"
      title="Close (Esc)"
      onClick={() => ui.closeDetail()}
    >
      <CloseIcon />
    </button>
  )
}
