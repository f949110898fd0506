import type { UserSettings } from '../../../../shared/model'
import { useCommand } from '../../hooks/use-command'
import { useHeartbeatStore } from '../../store'
import { CommandFeedback } from '../CommandFeedback'
import { IntervalOverrides } from './IntervalOverrides'
import {
  durationParser,
  FieldFrame,
  formatDuration,
  numberParser,
  SwitchSetting,
  TextSetting,
} from './setting-fields'

const THEMES: { theme: UserSettings['theme']; label: string }[] = [
  { theme: 'system', label: 'System' },
  { theme: 'light', label: 'Light' },
  { theme: 'dark', label: 'Dark' },
]

/** Every setting applies at once and is saved; the engine checks each and says what it refused. */
export function SettingsView() {
  const settings = useHeartbeatStore((state) => state.settings)
  if (settings === null) return <p className="placeholder">Connecting to the engine…</p>
  return (
    <div className="page" data-testid="settings-view">
      <section className="card">
        <h2 className="card-title">Detection</h2>
        <TextSetting
          field="defaultIntervalMs"
          value={settings.defaultIntervalMs}
          label="Default expected interval"
          hint="When a heartbeat declares none and none has been learned yet."
          parse={durationParser(false)}
          format={formatDuration}
        />
        <TextSetting
          field="staleFactor"
          value={settings.staleFactor}
          label="Stale after"
          suffix="× interval"
          parse={numberParser({ min: 1 })}
          format={(value) => String(value)}
        />
        <TextSetting
          field="deadFactor"
          value={settings.deadFactor}
          label="Dead after"
          suffix="× interval"
          hint="Must be more than the stale factor."
          parse={numberParser({ min: 1 })}
          format={(value) => String(value)}
        />
        <TextSetting
          field="goneRetentionMs"
          value={settings.goneRetentionMs}
          label="Keep gone instances for"
          hint="Replaced or removed instances leave the list after this; 0 keeps them."
          parse={durationParser(true)}
          format={formatDuration}
        />
        <h3 className="field-heading">Interval overrides</h3>
        <p className="hint">
          Set by hand, per service name or glob; they win over declared and learned intervals.
        </p>
        <IntervalOverrides overrides={settings.intervalOverrides} />
      </section>
      <section className="card">
        <h2 className="card-title">Notifications</h2>
        <SwitchSetting field="notifyStale" value={settings.notifyStale} label="When an instance goes stale" />
        <SwitchSetting field="notifyDead" value={settings.notifyDead} label="When an instance dies" />
        <SwitchSetting
          field="notifyRecovered"
          value={settings.notifyRecovered}
          label="When an instance recovers"
        />
        <TextSetting
          field="reminderMinutes"
          value={settings.reminderMinutes}
          label="Remind while still dead"
          suffix="minutes"
          hint="0 is off."
          parse={numberParser({ integer: true, min: 0 })}
          format={(value) => String(value)}
        />
        <SwitchSetting field="sound" value={settings.sound} label="Play a sound" />
      </section>
      <section className="card">
        <h2 className="card-title">App</h2>
        <SwitchSetting
          field="launchAtLogin"
          value={settings.launchAtLogin}
          label="Launch at login"
          hint="The desktop app only."
        />
        <ThemeSetting theme={settings.theme} />
      </section>
    </div>
  )
}

function ThemeSetting({ theme }: { theme: UserSettings['theme'] }) {
  const { run, result } = useCommand()
  return (
    <FieldFrame label="Theme" feedback={result?.ok === false ? <CommandFeedback result={result} /> : null}>
      <div className="segmented" role="radiogroup" aria-label="Theme">
        {THEMES.map((choice) => (
          <button
            key={choice.theme}
            type="button"
            role="radio"
            aria-checked={theme === choice.theme}
            data-testid={`theme-${choice.theme}`}
            onClick={() => void run({ type: 'updateSettings', settings: { theme: choice.theme } })}
          >
            {choice.label}
          </button>
        ))}
      </div>
    </FieldFrame>
  )
}
