/**
 * Headless mode in a browser: the alert policy's notifications (`delta.notifications`) shown with the
 * browser's Notification API. Inside Electron the main process shows them natively, so none of this
 * runs there. Browsers grant the permission only from a click: while it is undecided a small "Enable
 * notifications" button asks for it.
 *
 * The notifications ride the page's one engine socket (main.tsx hands every event here): a second socket
 * would cost the engine a second snapshot and the page every delta twice.
 */
import { useEffect } from 'react'
import type { EngineEvent } from '../../shared/api'
import type { NotificationView } from '../../shared/model'
import { routeHashFor } from '../../shared/open-route'
import { useHeartbeatStore } from './store'

/** Ids already shown, so a re-sent delta or a second subscriber never shows one twice. */
const shownIds = new Set<string>()
const SHOWN_IDS_KEPT = 200
const DISMISSED_KEY = 'heartbeat-tray:notifications-prompt-dismissed'

/** Shows the notifications an engine event carries, if the user allowed them and no shell shows them. */
export function showBrowserNotifications(event: EngineEvent): void {
  if (event.type !== 'delta' || !event.delta.notifications || !inPlainBrowser()) return
  if (Notification.permission !== 'granted') return
  for (const view of event.delta.notifications) show(view)
}

/** Call once, in App: in a plain browser, asks for the permission while it is undecided. */
export function useBrowserNotifications(): void {
  useEffect(() => {
    if (!inPlainBrowser() || Notification.permission !== 'default') return
    const prompt = mountPermissionPrompt()
    return () => prompt?.remove()
  }, [])
}

/** A browser with the Notification API, not the Electron shell (which shows notifications natively). */
function inPlainBrowser(): boolean {
  return typeof window !== 'undefined' && !window.heartbeatTray && 'Notification' in window
}

function show(view: NotificationView): void {
  if (shownIds.has(view.id)) return
  shownIds.add(view.id)
  if (shownIds.size > SHOWN_IDS_KEPT) shownIds.delete(shownIds.values().next().value as string)
  let notification: Notification
  try {
    // The tag makes two tabs on the same engine show one notification, not two.
    notification = new Notification(view.title, { body: view.body, tag: view.id, silent: !view.sound })
  } catch {
    // Some browsers allow notifications only from a service worker; the page still shows everything.
    return
  }
  notification.onclick = () => {
    window.focus()
    if (view.target !== null) window.location.hash = routeHashFor(view.target, isSource(view.target))
    notification.close()
  }
}

function isSource(target: string): boolean {
  return useHeartbeatStore.getState().sources.some((source) => source.id === target)
}

/** A small corner card: "Enable notifications" (asks, from this click) and "Not now". */
function mountPermissionPrompt(): HTMLElement | null {
  if (sessionStorage.getItem(DISMISSED_KEY) === '1') return null
  const card = document.createElement('div')
  card.setAttribute('role', 'region')
  card.setAttribute('aria-label', 'Browser notifications')
  card.dataset.testid = 'notifications-prompt'
  Object.assign(card.style, {
    position: 'fixed',
    right: '16px',
    bottom: '16px',
    zIndex: '1000',
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    padding: '10px 12px',
    borderRadius: '8px',
    border: '1px solid GrayText',
    background: 'Canvas',
    color: 'CanvasText',
    font: '13px system-ui, sans-serif',
    boxShadow: '0 4px 16px rgb(0 0 0 / 0.2)',
  })
  const enable = button('Enable notifications', () => {
    void Notification.requestPermission().then((permission) => {
      if (permission !== 'default') card.remove()
    })
  })
  const later = button('Not now', () => {
    sessionStorage.setItem(DISMISSED_KEY, '1')
    card.remove()
  })
  card.append('Get an alert when a service goes stale or dead.', enable, later)
  document.body.append(card)
  return card
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button')
  element.type = 'button'
  element.textContent = label
  element.style.font = 'inherit'
  element.addEventListener('click', onClick)
  return element
}
