/** Turns an alert's text into the notification the app shows, each with an id of its own. */
import type { NotificationView } from '../../shared/model'
import type { Text } from './alert-text'
import type { AlertWorld } from './alert-world'
import type { Instant } from './monitor'

export class NotificationMaker {
  private sequence = 0

  constructor(private readonly world: AlertWorld) {}

  /** `target`: what clicking it opens (an instance or a source), or null. */
  make(kind: NotificationView['kind'], text: Text, target: string | null, now: Instant): NotificationView {
    return {
      id: `${kind}-${now.wallMs}-${++this.sequence}`,
      kind,
      title: text.title,
      body: text.body,
      target,
      at: new Date(now.wallMs).toISOString(),
      sound: this.world.settings().sound,
    }
  }
}
