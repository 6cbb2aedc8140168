import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The languages ztlint reads; the server picks the format by file name and content, not by this list. */
const LANGUAGES = ['bicep', 'bicep-params', 'json', 'jsonc', 'arm-template', 'yaml'];

/** What the server is told at start-up that only the editor knows. */
export interface InitializationOptions {
  /**
   * Whether the user trusts the workspace. In an untrusted one the server must not let anything from the workspace
   * change what code runs (rule modules named in a workspace config file, say); the client restarts it on a grant.
   */
  workspaceTrusted: boolean;
}

/** A client for the bundled server (`server/dist/server.js`), run by the extension host's Node over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('server/dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    // Untitled buffers too: the server names them after their language.
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    initializationOptions,
    outputChannel: output,
  };
  // The id 'ztlint' makes the library read the `ztlint.trace.server` setting.
  return new LanguageClient('ztlint', 'ztlint', serverOptions, clientOptions);
}
