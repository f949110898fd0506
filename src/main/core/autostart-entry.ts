/**
 * The XDG autostart entry that starts the app at login on Linux desktops (Electron's
 * setLoginItemSettings covers macOS and Windows only). Quoting as the Desktop Entry spec says for Exec.
 */
export function autostartDesktopEntry(command: readonly string[]): string {
  const exec = command.map(quoteExecArgument).join(' ')
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=heartbeat-tray',
    'Comment=Watches service heartbeats from the tray',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

function quoteExecArgument(argument: string): string {
  // A literal % is %% in Exec, quoted or not; inside quotes, " ` $ and \ take a backslash.
  const escaped = argument.replace(/%/g, '%%')
  if (!/[\s"'\\`$<>~|&;*?#()]/.test(escaped)) return escaped
  return `"${escaped.replace(/["`$\\]/g, '\\$&')}"`
}
