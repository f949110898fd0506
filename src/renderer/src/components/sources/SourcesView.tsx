import { sendCommand, useHeartbeatStore } from '../../store'
import { SourceCard } from './SourceCard'
import { SourceUrlForm } from './SourceUrlForm'

/** Every watched source, and a form to watch another: changes apply at once and are saved. */
export function SourcesView() {
  const sources = useHeartbeatStore((state) => state.sources)
  return (
    <div className="page" data-testid="sources-view">
      <section className="card">
        <h2 className="card-title">Watch a source</h2>
        <p className="hint">
          One URL per source: <code>redis://</code> pub/sub, <code>redis+hash://</code>, <code>amqp://</code>,{' '}
          <code>sqlite://</code>, <code>push://</code> and more (see the README).
        </p>
        <SourceUrlForm
          submitLabel="Add source"
          testIdPrefix="add-source"
          onSubmit={(url) => sendCommand({ type: 'addSource', url })}
        />
      </section>
      <h2 className="section-title">
        {sources.length === 0
          ? 'No sources yet'
          : `${sources.length} source${sources.length === 1 ? '' : 's'}`}
      </h2>
      <ul className="source-cards">
        {sources.map((source) => (
          <SourceCard key={source.id} source={source} />
        ))}
      </ul>
    </div>
  )
}
