/**
 * What a notification or the tray menu opens, as the page's URL hash: an instance's detail
 * (`#/services/<id>`) or the sources view (`#/sources`). The renderer's router reads this form
 * (src/renderer/src/route.ts); the Electron shell and browser notifications write it.
 */
export function routeHashFor(target: string, isSource: boolean): string {
  return isSource ? '#/sources' : `#/services/${encodeURIComponent(target)}`
}
