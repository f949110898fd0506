import { useState, type ReactNode } from 'react'
import type { UserSettings } from '../../../../shared/model'
import { durationText, parseDurationText } from '../../duration-text'
import { useCommand } from '../../hooks/use-command'
import { CommandFeedback } from '../CommandFeedback'

type NumberKey = 'defaultIntervalMs' | 'staleFactor' | 'deadFactor' | 'reminderMinutes' | 'goneRetentionMs'
type BooleanKey = 'notifyStale' | 'notifyDead' | 'notifyRecovered' | 'sound' | 'launchAtLogin'

interface FieldFrameProps {
  label: string
  hint?: string
  htmlFor?: string
  children: ReactNode
  feedback?: ReactNode
}

/** A settings row: what it is on the left, the control on the right, what the engine said below. */
export function FieldFrame({ label, hint, htmlFor, children, feedback }: FieldFrameProps) {
  return (
    <div className="field">
      <div className="field-text">
        <label htmlFor={htmlFor}>{label}</label>
        {hint && <p className="hint">{hint}</p>}
      </div>
      <div className="field-control">{children}</div>
      {feedback && <div className="field-feedback">{feedback}</div>}
    </div>
  )
}

interface TextSettingProps {
  field: NumberKey
  value: number
  label: string
  hint?: string
  suffix?: string
  /** Text → the setting's value, or an error to show. */
  parse(text: string): number | string
  format(value: number): string
}

/** A typed setting, applied when the user leaves the field or presses Enter. */
export function TextSetting({ field, value, label, hint, suffix, parse, format }: TextSettingProps) {
  const [text, setText] = useState(() => format(value))
  const [shownValue, setShownValue] = useState(value)
  const [invalid, setInvalid] = useState<string | null>(null)
  // The engine's value changed (saved here, or elsewhere): show it.
  if (shownValue !== value) {
    setShownValue(value)
    setText(format(value))
  }
  const { run, result, clear } = useCommand()
  const id = `setting-${field}`
  const commit = (): void => {
    const parsed = parse(text)
    if (typeof parsed === 'string') return setInvalid(parsed)
    setInvalid(null)
    if (parsed === value) return
    const patch: Partial<UserSettings> = { [field]: parsed }
    void run({ type: 'updateSettings', settings: patch })
  }
  return (
    <FieldFrame
      label={label}
      hint={hint}
      htmlFor={id}
      feedback={
        invalid !== null ? (
          <p className="feedback" data-ok="false" role="alert">
            {invalid}
          </p>
        ) : (
          <CommandFeedback result={result} success="Saved" testId={`${id}-feedback`} />
        )
      }
    >
      <input
        id={id}
        className="input input-short"
        value={text}
        data-testid={id}
        onChange={(event) => {
          setText(event.target.value)
          clear()
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit()
        }}
      />
      {suffix && <span className="suffix">{suffix}</span>}
    </FieldFrame>
  )
}

export function SwitchSetting({
  field,
  value,
  label,
  hint,
}: {
  field: BooleanKey
  value: boolean
  label: string
  hint?: string
}) {
  const { run, result } = useCommand()
  const id = `setting-${field}`
  return (
    <FieldFrame
      label={label}
      hint={hint}
      htmlFor={id}
      feedback={result?.ok === false ? <CommandFeedback result={result} /> : null}
    >
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={value}
        data-testid={id}
        onChange={(event) => {
          const patch: Partial<UserSettings> = { [field]: event.target.checked }
          void run({ type: 'updateSettings', settings: patch })
        }}
      />
    </FieldFrame>
  )
}

/** Durations: "60s", "2m", "1h30m"; with `zeroMeans`, "0" is allowed and means that. */
export function durationParser(zeroAllowed: boolean) {
  return (text: string): number | string => {
    const ms = parseDurationText(text)
    if (ms === null) return 'Enter a duration such as 60s, 5m or 24h'
    if (ms === 0 && !zeroAllowed) return 'Must be more than 0'
    return ms
  }
}

export function formatDuration(ms: number): string {
  return ms === 0 ? '0' : durationText(ms)
}

export function numberParser(options: { integer?: boolean; min: number }) {
  return (text: string): number | string => {
    const value = Number(text.trim().replace(',', '.'))
    if (text.trim() === '' || !Number.isFinite(value)) return 'Enter a number'
    if (options.integer && !Number.isInteger(value)) return 'Enter a whole number'
    if (value < options.min) return `Must be at least ${options.min}`
    return value
  }
}
