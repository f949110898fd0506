/** A command from one connected UI: what that UI is sent is its connection's business, the rest the engine's. */
import type { CommandResult, EngineCommand, UiCommand } from '../shared/api'
import type { BridgeConnection } from './bridge-hub'

export function runUiCommand(
  command: UiCommand,
  connection: BridgeConnection | null,
  engine: { run(command: EngineCommand): Promise<CommandResult> },
): Promise<CommandResult> {
  switch (command.type) {
    case 'requestSnapshot':
      connection?.resend()
      return Promise.resolve(connection ? { ok: true } : notConnected)
    case 'inspect':
      if (!connection) return Promise.resolve(notConnected)
      return Promise.resolve(
        connection.inspect(command.id) ? { ok: true } : { ok: false, error: `no instance ${command.id}` },
      )
    default:
      return engine.run(command)
  }
}

const notConnected: CommandResult = { ok: false, error: 'this UI is not connected to the engine' }
