import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { withoutHiddenSyntax } from './syntaxErrors';

/** The languages ztlint reads; the server picks the format by file name and content, not by this list. */
const LANGUAGES = ['bicep', 'bicep-params', 'json', 'jsonc', 'arm-template', 'yaml'];

/** `ztlint.run`: lint open files as they are typed (once typing pauses) or only when they are saved. */
export type RunSetting = 'onType' | 'onSave';

/**
 * What the server is told at start-up that only the editor knows. The client starts a new server when any of it
 * changes (extension.ts), so the server reads it once.
 */
export interface InitializationOptions {
  /**
   * Whether the user trusts the workspace. In an untrusted one the server must not let anything from the workspace
   * change what code runs (rule modules named in a workspace config file, say); the client restarts it on a grant.
   */
  workspaceTrusted: boolean;
  run: RunSetting;
  /** how long typing must pause before an open file is linted again */
  debounceMs: number;
  /** `ztlint.azure.*`: look `existing` resources up in Azure (the server does so only in a trusted workspace) */
  azure: { lookupExisting: boolean; subscription: string; resourceGroup: string };
}

/** The settings that go into `InitializationOptions` or the client's options: a change to one restarts the server. */
export const START_UP_SETTINGS = ['ztlint.run', 'ztlint.debounce', 'ztlint.azure'];

function initializationOptions(): InitializationOptions {
  const settings = vscode.workspace.getConfiguration('ztlint');
  return {
    workspaceTrusted: vscode.workspace.isTrusted,
    run: settings.get<RunSetting>('run', 'onType'),
    debounceMs: settings.get<number>('debounce', 150),
    azure: {
      lookupExisting: settings.get<boolean>('azure.lookupExisting', false),
      subscription: settings.get<string>('azure.subscription', ''),
      resourceGroup: settings.get<string>('azure.resourceGroup', ''),
    },
  };
}

/**
 * A client for the bundled server (`server/dist/server.js`), run by the extension host's Node over IPC, that
 * leaves out the syntax diagnostics with the codes in `hiddenSyntax` (syntaxErrors.ts).
 */
export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, hiddenSyntax: ReadonlySet<string>): LanguageClient {
  const module = context.asAbsolutePath('server/dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Untitled buffers too: the server names them after their language.
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    initializationOptions: initializationOptions(),
    outputChannel: output,
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, withoutHiddenSyntax(diagnostics, hiddenSyntax)),
    },
  };
  // The id 'ztlint' makes the library read the `ztlint.trace.server` setting.
  return new LanguageClient('ztlint', 'ztlint', serverOptions, clientOptions);
}
