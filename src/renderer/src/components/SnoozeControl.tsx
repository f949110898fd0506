import { useClock } from '../clock'
import { useHeartbeatStore } from '../store'
import { useCommand } from '../hooks/use-command'
import { snoozeChoices } from '../snooze-choices'
import { formatClockTime } from '../time-format'
import { BellIcon, MoonIcon } from './icons'
import { PopoverMenu, type MenuItem } from './PopoverMenu'

/** Snooze every notification for a while, and see at a glance that they are snoozed. */
export function SnoozeControl() {
  const snoozedUntil = useHeartbeatStore((state) => state.alerts.snoozedUntil)
  const nowMs = useClock((state) => state.nowMs)
  const { run, result } = useCommand()
  const items: MenuItem[] = snoozeChoices(nowMs).map((choice) => ({
    label: choice.label,
    onSelect: () => void run({ type: 'snooze', untilMs: choice.untilMs }),
  }))
  if (snoozedUntil !== null)
    items.push({
      label: 'End snooze',
      testId: 'end-snooze',
      onSelect: () => void run({ type: 'snooze', untilMs: null }),
    })
  const label =
    snoozedUntil === null ? (
      <>
        <BellIcon /> Snooze
      </>
    ) : (
      <>
        <MoonIcon /> Snoozed until {formatClockTime(snoozedUntil, nowMs)}
      </>
    )
  return (
    <div className="snooze" data-testid="snooze" data-snoozed={snoozedUntil !== null}>
      <PopoverMenu
        label={label}
        items={items}
        align="end"
        className="button button-quiet snooze-button"
        testId="snooze-button"
      />
      {result?.ok === false && (
        <span className="feedback" data-ok="false" role="alert">
          {result.error}
        </span>
      )}
    </div>
  )
}
