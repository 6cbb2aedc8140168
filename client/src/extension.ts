import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { checkDeployed } from './checkDeployed';
import { openConfig } from './config';
import { createLanguageClient, START_UP_SETTINGS } from './languageClient';
import { showRuleDocs } from './ruleDocs';
import { executeServerCommand, SERVER_COMMANDS, serverSupports } from './serverCommands';
import { FindingsStatusBar } from './statusBar';
import { affectsHiddenSyntax, hiddenSyntaxCodes } from './syntaxErrors';

/**
 * All linting lives in the server, so every editor and the CLI report the same findings; the extension starts it,
 * shows the count of findings and offers a few commands.
 */
let client: LanguageClient | undefined;

function enabled(): boolean {
  return vscode.workspace.getConfiguration('ztlint').get<boolean>('enable', true);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('ztlint', { log: true });
  const statusBar = new FindingsStatusBar();
  context.subscriptions.push(output, statusBar);

  // The syntax errors the running client leaves to other extensions (syntaxErrors.ts), to see when that changes.
  let hiding = '';
  // A server that fails to start is reported, not thrown: activation still succeeds, so the commands and the
  // setting that can turn ztlint off keep working.
  const start = async () => {
    if (client || !enabled()) return;
    const hiddenSyntax = hiddenSyntaxCodes();
    hiding = [...hiddenSyntax].join();
    const starting = createLanguageClient(context, output, hiddenSyntax);
    client = starting;
    try {
      await starting.start();
    } catch (error) {
      if (client === starting) client = undefined;
      output.error(`the ztlint language server did not start: ${String(error)}`);
      void vscode.window.showErrorMessage('ztlint: the language server did not start; see the ztlint output.');
    }
  };
  const stop = async () => {
    const running = client;
    client = undefined;
    await running?.stop();
  };
  const restart = async () => {
    await stop();
    await start();
  };
  const refreshStatusBar = () => statusBar.show(enabled() && vscode.workspace.getConfiguration('ztlint').get<boolean>('statusBar.enable', true));

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('ztlint.enable')) await (enabled() ? start() : stop());
      else if (client && (START_UP_SETTINGS.some((s) => e.affectsConfiguration(s)) || affectsHiddenSyntax(e))) await restart();
      if (e.affectsConfiguration('ztlint')) refreshStatusBar();
    }),
    // The server was started told the workspace is untrusted; a grant needs a new server to take effect.
    vscode.workspace.onDidGrantWorkspaceTrust(restart),
    // Installing or removing the Bicep, ARM Tools or YAML extension changes which syntax errors ztlint leaves to them.
    vscode.extensions.onDidChange(async () => {
      if (client && [...hiddenSyntaxCodes()].join() !== hiding) await restart();
    }),
    vscode.commands.registerCommand('ztlint.scanWorkspace', () => scanWorkspace()),
    vscode.commands.registerCommand('ztlint.showRuleDocs', (ruleId?: string) => showRuleDocs(context.extensionPath, ruleId)),
    vscode.commands.registerCommand('ztlint.openConfig', openConfig),
    vscode.commands.registerCommand('ztlint.checkDeployed', () => checkDeployed(context, client)),
  );
  refreshStatusBar();
  await start();
}

async function scanWorkspace(): Promise<void> {
  if (!serverSupports(client, SERVER_COMMANDS.scanWorkspace)) {
    void vscode.window.showWarningMessage(client ? 'ztlint: this ztlint server cannot scan the workspace yet.' : 'ztlint is disabled (setting ztlint.enable).');
    return;
  }
  const running = client;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'ztlint: scanning the workspace' }, () =>
    executeServerCommand(running, SERVER_COMMANDS.scanWorkspace),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
