/**
 * The app's state beyond liveness: the config the user edits (sources, settings), mutes and snooze.
 * It runs UI commands, persists what they change, and feeds UIs snapshots and deltas of it all.
 */
import type { CommandResult, EngineCommand } from '../shared/api'
import type {
  AlertState,
  Delta,
  NotificationView,
  ServiceView,
  Snapshot,
  SourceView,
  UserSettings,
} from '../shared/model'
import { Alerting } from './alerting'
import type { AppConfig } from './core/config'
import { Mutes, type PersistedMutes } from './core/mutes'
import { redactUrl } from './core/source-url'
import { applySettingsPatch, toUserSettings } from './core/user-settings'
import { Engine } from './engine'
import { testSourceUrl } from './sources/test-connection'

export interface ControllerOptions {
  config: AppConfig
  mutes?: PersistedMutes
  log?: (line: string) => void
  /** Called after each change a user makes, with what to persist. */
  onConfigChanged?: (config: AppConfig) => void
  onMutesChanged?: (mutes: PersistedMutes) => void
}

export class Controller {
  readonly engine: Engine
  private config: AppConfig
  private readonly mutes: Mutes
  private settingsChanged = false
  private alertsChanged = false
  /** Notifications: the alert policy run against the engine, with its one timer. */
  private readonly alerting: Alerting

  constructor(private readonly options: ControllerOptions) {
    this.config = options.config
    this.mutes = options.mutes ? Mutes.restore(options.mutes, Date.now()) : new Mutes()
    this.engine = new Engine({ detection: options.config.detection, mutes: this.mutes, log: options.log })
    this.alerting = new Alerting({
      engine: this.engine,
      mutes: this.mutes,
      settings: () => this.settings,
      noteRecovery: (instanceId, serviceId, stillFailing) =>
        this.noteRecovery(instanceId, serviceId, stillFailing),
    })
  }

  /** Starts watching every configured source; returns the errors of those that could not start. */
  start(): string[] {
    return this.config.sources.flatMap((url) => {
      const added = this.engine.addSource(url)
      return added.ok ? [] : [added.error]
    })
  }

  async stop(): Promise<void> {
    this.alerting.stop()
    await this.engine.stop()
  }

  /** Every notification the alert policy decides on, as it is decided (the Electron shell shows them). */
  onNotification(listener: (notification: NotificationView) => void): () => void {
    return this.alerting.onNotification(listener)
  }

  get settings(): UserSettings {
    return toUserSettings(this.config)
  }

  get alerts(): AlertState {
    const until = this.mutes.isSnoozed(Date.now()) ? this.mutes.snoozedUntilWallMs : null
    return { snoozedUntil: until === null ? null : new Date(until).toISOString() }
  }

  get currentConfig(): AppConfig {
    return this.config
  }

  isSnoozed(wallMs: number): boolean {
    return this.mutes.isSnoozed(wallMs)
  }

  mutesView(): Mutes {
    return this.mutes
  }

  onChange(listener: () => void): () => void {
    return this.engine.onChange(listener)
  }

  /** The engine's views with the alert policy's marks on them (flapping, degraded), for the HTTP API. */
  serviceViews(): ServiceView[] {
    return this.alerting.markServices(this.engine.services())
  }

  /** One instance whole, marked, for a UI that inspects it; null if it is not known. */
  serviceView(id: string): ServiceView | null {
    const view = this.engine.view(id)
    return view && this.alerting.markService(view)
  }

  sourceViews(): SourceView[] {
    return this.alerting.markSources(this.engine.sourceViews())
  }

  snapshot(): Snapshot {
    const { services, sources, history } = this.engine.snapshot()
    return {
      services: this.alerting.markServices(services),
      sources: this.alerting.markSources(sources),
      history,
      settings: this.settings,
      alerts: this.alerts,
    }
  }

  takeDelta(): Delta | null {
    const delta = this.engine.takeDelta()
    const notifications = this.alerting.takeNotifications()
    const markedSources = this.alerting.takeChangedSources()
    if (
      !delta &&
      !this.settingsChanged &&
      !this.alertsChanged &&
      notifications.length === 0 &&
      markedSources.size === 0
    )
      return null
    const result: Delta = delta ?? {
      services: [],
      removed: [],
      sources: [],
      removedSources: [],
      transitions: [],
    }
    if (this.settingsChanged) result.settings = this.settings
    if (this.alertsChanged) result.alerts = this.alerts
    if (notifications.length > 0) result.notifications = notifications
    if (markedSources.size > 0) {
      const sent = new Set(result.sources.map((source) => source.id))
      for (const source of this.engine.sourceViews())
        if (markedSources.has(source.id) && !sent.has(source.id)) result.sources.push(source)
    }
    result.services = this.alerting.markServices(result.services)
    result.sources = this.alerting.markSources(result.sources)
    this.settingsChanged = false
    this.alertsChanged = false
    return result
  }

  /** What `takeDelta` would have returned, forgotten unbuilt: no UI is listening. */
  dropDelta(): void {
    this.engine.dropDelta()
    this.alerting.takeNotifications()
    this.alerting.takeChangedSources()
    this.settingsChanged = false
    this.alertsChanged = false
  }

  async run(command: EngineCommand): Promise<CommandResult> {
    switch (command.type) {
      case 'addSource':
        return this.addSource(command.url)
      case 'removeSource':
        return this.removeSource(command.id)
      case 'testSource':
        return testSourceUrl(command.url)
      case 'mute':
        if (!this.engine.knows(command.target))
          return { ok: false, error: `no such instance or service: ${command.target}` }
        this.mutes.mute(command.target, command.untilMs)
        return this.mutesChanged(command.target)
      case 'unmute':
        if (!this.mutes.unmute(command.target)) return { ok: false, error: `not muted: ${command.target}` }
        return this.mutesChanged(command.target)
      case 'snooze':
        this.mutes.snoozedUntilWallMs = command.untilMs
        this.alertsChanged = true
        return this.mutesChanged(null)
      case 'setInterval':
        return this.updateSettings({
          intervalOverrides: [
            ...this.config.detection.overrides.filter((override) => override.service !== command.service),
            ...(command.intervalMs === null
              ? []
              : [{ service: command.service, intervalMs: command.intervalMs }]),
          ],
        })
      case 'forget':
        return this.engine.forget(command.id)
          ? { ok: true }
          : { ok: false, error: `no such instance: ${command.id}` }
      case 'updateSettings':
        return this.updateSettings(command.settings)
    }
  }

  /** An instance recovered: its until-recovered mute ends (and its service's, once all are well). */
  noteRecovery(instanceId: string, serviceId: string, serviceStillFailing: boolean): void {
    if (this.mutes.recovered(instanceId, serviceId, serviceStillFailing)) {
      this.mutesChanged(instanceId)
      this.engine.refresh(serviceId)
    }
  }

  private addSource(url: string): CommandResult {
    const added = this.engine.addSource(url)
    if (!added.ok) return added
    this.saveConfig({ ...this.config, sources: [...this.config.sources, url] })
    return { ok: true, message: `watching ${added.id}` }
  }

  private async removeSource(id: string): Promise<CommandResult> {
    if (!(await this.engine.removeSource(id))) return { ok: false, error: `no such source: ${id}` }
    this.saveConfig({
      ...this.config,
      sources: this.config.sources.filter((url) => redactUrl(url.trim()) !== id),
    })
    return { ok: true }
  }

  private updateSettings(patch: unknown): CommandResult {
    const patched = applySettingsPatch(this.config, patch)
    if (!patched.ok) return patched
    this.saveConfig(patched.config)
    this.engine.setDetection(patched.config.detection)
    return { ok: true }
  }

  private saveConfig(config: AppConfig): void {
    this.config = config
    this.settingsChanged = true
    this.options.onConfigChanged?.(config)
  }

  private mutesChanged(target: string | null): CommandResult {
    if (target !== null) this.engine.refresh(target)
    else this.engine.announce()
    this.options.onMutesChanged?.(this.mutes.toJSON())
    return { ok: true }
  }
}
