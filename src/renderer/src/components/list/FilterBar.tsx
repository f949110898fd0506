import { useEffect, useRef } from 'react'
import type { ServiceState } from '../../../../shared/model'
import { SORT_MODES, type SortMode } from '../../service-order'
import { ui, useUiStore } from '../../ui-store'
import { SearchIcon } from '../icons'
import { formatCount } from '../../count-format'

/** Severity order, as the chips read left to right. */
const CHIP_STATES: readonly ServiceState[] = ['dead', 'stale', 'unknown', 'alive', 'stopped', 'gone']

const SORT_LABELS: Record<SortMode, string> = { severity: 'Severity', name: 'Name', age: 'Age' }

interface FilterBarProps {
  counts: Record<ServiceState, number>
  /** Instances the text matches, whatever their state. */
  textMatches: number
  onLeaveDown(): void
}

export function FilterBar({ counts, textMatches, onLeaveDown }: FilterBarProps) {
  const states = useUiStore((state) => state.states)
  const text = useUiStore((state) => state.text)
  const sort = useUiStore((state) => state.sort)
  const focusRequest = useUiStore((state) => state.searchFocusRequest)
  const search = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusRequest === 0) return
    search.current?.focus()
    search.current?.select()
  }, [focusRequest])

  return (
    <div className="filter-bar">
      <label className="search">
        <SearchIcon />
        <input
          ref={search}
          type="search"
          placeholder="Search service, instance, host, source"
          aria-label="Search"
          data-testid="search"
          value={text}
          onChange={(event) => ui.setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation()
              if (text !== '') ui.setText('')
              else event.currentTarget.blur()
            } else if (event.key === 'ArrowDown' || event.key === 'Enter') {
              event.preventDefault()
              onLeaveDown()
            }
          }}
        />
        {text === '' && <kbd className="search-hint">/</kbd>}
      </label>
      <div className="chips" role="group" aria-label="Filter by state">
        <button
          type="button"
          className="chip"
          aria-pressed={states.size === 0}
          data-testid="state-filter"
          data-state="all"
          onClick={() => ui.allStates()}
        >
          All <span className="chip-count">{formatCount(textMatches)}</span>
        </button>
        {CHIP_STATES.map((state) => (
          <button
            key={state}
            type="button"
            className="chip"
            data-state={state}
            data-testid="state-filter"
            data-empty={counts[state] === 0}
            aria-pressed={states.has(state)}
            title="Click to show only this state; Ctrl or ⌘-click to add it"
            onClick={(event) => ui.pickState(state, event.ctrlKey || event.metaKey || event.shiftKey)}
          >
            <span className="chip-dot" />
            {state} <span className="chip-count">{formatCount(counts[state])}</span>
          </button>
        ))}
      </div>
      <div className="segmented" role="radiogroup" aria-label="Sort by">
        {SORT_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={sort === mode}
            data-testid={`sort-${mode}`}
            onClick={() => ui.setSort(mode)}
          >
            {SORT_LABELS[mode]}
          </button>
        ))}
      </div>
    </div>
  )
}
