import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

/**
 * Commands the server runs for the editor through `workspace/executeCommand`. Their names differ from the
 * contributed `ztlint.*` commands because the language client registers every command the server announces as a
 * VS Code command of the same name, which would clash with the extension's own registration.
 */
export const SERVER_COMMANDS = {
  /** Reads every candidate file of the workspace folders and publishes their diagnostics. */
  scanWorkspace: 'ztlint.server.scanWorkspace',
  /** Reads a subscription's deployed resources and lints them (server/src/lsp/checkDeployed.ts). */
  checkDeployed: 'ztlint.server.checkDeployed',
} as const;

/** Whether the running server announced the command: an older server, or one still starting, has not. */
export function serverSupports(client: LanguageClient | undefined, command: string): client is LanguageClient {
  return client?.initializeResult?.capabilities.executeCommandProvider?.commands.includes(command) ?? false;
}

export function executeServerCommand(client: LanguageClient, command: string, ...args: unknown[]): Promise<unknown> {
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}
