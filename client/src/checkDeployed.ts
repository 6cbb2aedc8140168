import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { executeServerCommand, SERVER_COMMANDS, serverSupports } from './serverCommands';

/** The last subscription checked, offered again next time. */
const SUBSCRIPTION_KEY = 'ztlint.checkDeployed.subscriptionId';
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CheckDeployedResult {
  /** the report as `ztlint azure` prints it */
  readonly text: string;
}

let channel: vscode.OutputChannel | undefined;

/**
 * "ztlint: Check deployed resources": asks for the subscription (remembering the last one), has the server read
 * and lint it with the signed-in Azure identity, and shows the report in its own output channel.
 */
export async function checkDeployed(context: vscode.ExtensionContext, client: LanguageClient | undefined): Promise<void> {
  if (!serverSupports(client, SERVER_COMMANDS.checkDeployed)) {
    void vscode.window.showWarningMessage(client ? 'ztlint: this ztlint server cannot check deployed resources.' : 'ztlint is disabled (setting ztlint.enable).');
    return;
  }
  const entered = await vscode.window.showInputBox({
    title: 'ztlint: Check deployed resources',
    prompt: 'Azure subscription id. ztlint signs in as DefaultAzureCredential does (for example after `az login`) and only reads.',
    value: context.globalState.get<string>(SUBSCRIPTION_KEY),
    ignoreFocusOut: true,
    validateInput: (value) => (SUBSCRIPTION_ID.test(value.trim()) ? undefined : 'A subscription id is a GUID: 00000000-0000-0000-0000-000000000000'),
  });
  if (entered === undefined) return;
  const subscriptionId = entered.trim();
  await context.globalState.update(SUBSCRIPTION_KEY, subscriptionId);
  if (!channel) {
    channel = vscode.window.createOutputChannel('ztlint: deployed resources');
    context.subscriptions.push(channel);
  }
  const shown = channel;
  try {
    const result = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `ztlint: reading subscription ${subscriptionId}` }, () =>
      executeServerCommand(client, SERVER_COMMANDS.checkDeployed, { subscriptionId }),
    )) as CheckDeployedResult;
    shown.clear();
    shown.append(result.text);
    shown.show(true);
  } catch (error) {
    void vscode.window.showErrorMessage(`ztlint: ${error instanceof Error ? error.message : String(error)}`);
  }
}
