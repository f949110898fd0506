/**
 * Keeps the engine's state across restarts, in the data folder: restores instances and history at
 * start, appends transitions as they happen (batched), and saves every instance's state a few seconds
 * after it changes and on stop. A kill -9 loses at most those few seconds of liveness, never the file.
 * While running, the file is written and fsynced off the event loop: with thousands of instances it is
 * megabytes, and a busy disk would otherwise hold every heartbeat back for as long as it takes.
 */
import { join } from 'node:path'
import { parsePersistedState, type PersistedState } from '../core/persisted-state'
import type { TransitionView } from '../../shared/model'
import type { Engine } from '../engine'
import { readJsonFile, writeFileAtomic, writeFileAtomicInBackground } from './atomic-file'
import { HistoryFile } from './history-file'

const SAVE_DELAY_MS = 2_000
const HISTORY_FLUSH_MS = 250

export class StateKeeper {
  private readonly history: HistoryFile
  private readonly statePath: string
  private pendingTransitions: TransitionView[] = []
  private saveTimer: NodeJS.Timeout | null = null
  private historyTimer: NodeJS.Timeout | null = null
  /** A background save is under way; `saveAgain`: something changed since it took its copy. */
  private saving = false
  private saveAgain = false
  private stopped = false
  private readonly unsubscribe: (() => void)[] = []

  constructor(
    dataDir: string,
    private readonly engine: Engine,
    private readonly warn: (message: string) => void,
  ) {
    this.history = new HistoryFile(join(dataDir, 'history.jsonl'))
    this.statePath = join(dataDir, 'state.json')
  }

  /** Loads what was saved into the engine (whose sources must already be added), then keeps saving. */
  start(): { instances: number; transitions: number } {
    const transitions = this.history.readLast(1_000)
    this.engine.restoreHistory(transitions)
    const read = readJsonFile(this.statePath, parsePersistedState, Date.now())
    if (read.kind === 'corrupt')
      this.warn(`${this.statePath} was unreadable (${read.reason}); moved to ${read.movedTo}`)
    const instances = read.kind === 'ok' ? this.engine.restore(read.value.instances) : 0
    this.unsubscribe.push(
      this.engine.onTransition((transition) => {
        this.pendingTransitions.push(transition)
        this.historyTimer ??= setTimeout(() => this.flushHistory(), HISTORY_FLUSH_MS)
      }),
      this.engine.onChange(() => this.scheduleSave()),
    )
    return { instances, transitions: transitions.length }
  }

  /** Writes everything now and stops listening. */
  stop(): void {
    this.stopped = true
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe()
    this.flushHistory()
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    try {
      // Synchronous, so that it is on disk before the process exits; a background save still under
      // way will not rename over it (it asks `stopped` first).
      writeFileAtomic(this.statePath, this.stateText())
    } catch (error) {
      this.warn(`cannot save the state: ${(error as Error).message}`)
    }
  }

  private scheduleSave(): void {
    this.saveTimer ??= setTimeout(() => this.saveInBackground(), SAVE_DELAY_MS)
  }

  private flushHistory(): void {
    if (this.historyTimer) clearTimeout(this.historyTimer)
    this.historyTimer = null
    const transitions = this.pendingTransitions
    this.pendingTransitions = []
    try {
      this.history.append(transitions)
    } catch (error) {
      this.warn(`cannot append to the history: ${(error as Error).message}`)
    }
  }

  private saveInBackground(): void {
    this.saveTimer = null
    if (this.saving) {
      this.saveAgain = true
      return
    }
    const text = this.stateText()
    this.saving = true
    writeFileAtomicInBackground(this.statePath, text, () => !this.stopped)
      .catch((error: unknown) => this.warn(`cannot save the state: ${(error as Error).message}`))
      .finally(() => {
        this.saving = false
        if (this.saveAgain && !this.stopped) this.scheduleSave()
        this.saveAgain = false
      })
  }

  private stateText(): string {
    const state: PersistedState = {
      version: 1,
      savedAtWallMs: Date.now(),
      instances: this.engine.persistedInstances(),
    }
    return JSON.stringify(state)
  }
}
