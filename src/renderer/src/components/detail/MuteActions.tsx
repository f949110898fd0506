import { useState } from 'react'
import type { ServiceRow } from '../../../../shared/model'
import { serviceIdOf } from '../../../../shared/rollup'
import { useClock } from '../../clock'
import { useCommand } from '../../hooks/use-command'
import { formatClockTime } from '../../time-format'
import { CommandFeedback } from '../CommandFeedback'

const HOUR_MS = 3_600_000
const MUTE_CHOICES: { label: string; forMs: number | null }[] = [
  { label: 'Until recovered', forMs: null },
  { label: '1 h', forMs: HOUR_MS },
  { label: '4 h', forMs: 4 * HOUR_MS },
  { label: '8 h', forMs: 8 * HOUR_MS },
]

/** Silence an instance, or its whole service, until it recovers or for a while; or end the silence. */
export function MuteActions({ instance }: { instance: ServiceRow }) {
  const nowMs = useClock((state) => state.nowMs)
  const [scope, setScope] = useState<'instance' | 'service'>('instance')
  const { run, pending, result } = useCommand()
  const target = scope === 'instance' ? instance.id : serviceIdOf(instance)
  const unmute = async (): Promise<void> => {
    // The view says it is muted, not by which mute: its own, or its whole service's.
    const own = await run({ type: 'unmute', target: instance.id })
    if (!own.ok) await run({ type: 'unmute', target: serviceIdOf(instance) })
  }
  return (
    <section className="action-group" aria-label="Mute">
      <h4>Notifications</h4>
      {instance.muted !== null ? (
        <div className="action-row">
          <span className="muted-note" data-testid="muted-note">
            Muted{' '}
            {instance.muted.until === null
              ? 'until it recovers'
              : `until ${formatClockTime(instance.muted.until, nowMs)}`}
          </span>
          <button
            type="button"
            className="button"
            disabled={pending}
            onClick={() => void unmute()}
            data-testid="unmute"
          >
            Unmute
          </button>
        </div>
      ) : (
        <>
          <div className="segmented small" role="radiogroup" aria-label="Mute what">
            <button
              type="button"
              role="radio"
              aria-checked={scope === 'instance'}
              onClick={() => setScope('instance')}
            >
              This instance
            </button>
            <button
              type="button"
              role="radio"
              aria-checked={scope === 'service'}
              onClick={() => setScope('service')}
            >
              Whole service
            </button>
          </div>
          <div className="action-row" role="group" aria-label="Mute for">
            <span className="action-label">Mute</span>
            {MUTE_CHOICES.map((choice) => (
              <button
                key={choice.label}
                type="button"
                className="button"
                disabled={pending}
                data-testid={`mute-${choice.forMs === null ? 'recovered' : choice.forMs / HOUR_MS + 'h'}`}
                onClick={() =>
                  void run({
                    type: 'mute',
                    target,
                    untilMs: choice.forMs === null ? null : Date.now() + choice.forMs,
                  })
                }
              >
                {choice.label}
              </button>
            ))}
          </div>
        </>
      )}
      <CommandFeedback result={result} testId="mute-feedback" />
    </section>
  )
}
