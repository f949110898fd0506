/**
 * Shows the alert policy's decisions (core/alert-policy.ts) as native notifications: what to say,
 * whether to sound and what a click opens were all decided there; this only hands them to Electron.
 */
import { Notification, type NativeImage } from 'electron'
import type { NotificationView } from '../../shared/model'

/** Electron drops a notification's click handler once the object is garbage-collected: keep the latest. */
const KEPT = 20

export class Notifier {
  private readonly kept = new Set<Notification>()

  constructor(
    private readonly open: (target: string | null) => void,
    private readonly icon?: NativeImage,
  ) {}

  show(view: NotificationView): void {
    if (!Notification.isSupported()) return
    const notification = new Notification({
      title: view.title,
      body: view.body,
      silent: !view.sound,
      icon: this.icon,
    })
    const release = (): void => {
      this.kept.delete(notification)
    }
    notification.on('click', () => {
      release()
      this.open(view.target)
    })
    notification.on('close', release)
    notification.on('failed', release)
    this.kept.add(notification)
    for (const old of this.kept) {
      if (this.kept.size <= KEPT) break
      this.kept.delete(old)
    }
    notification.show()
  }
}
