import * as vscode from 'vscode';

/** The file the CLI and the server read settings from (CONFIG_FILE_NAME in server/src/config/config.ts; test/src/lsp/clientContract.test.ts holds the two together). */
export const CONFIG_FILE_NAME = 'ztlint.config.json';

const NEW_CONFIG = '{\n  "rules": {}\n}\n';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The config file that applies to the active file: ztlint reads the nearest one in the file's folder or above;
 * the search stops at the workspace folder, which is also where a new one goes.
 */
async function nearestConfig(folder: vscode.WorkspaceFolder, start: vscode.Uri | undefined): Promise<{ uri: vscode.Uri; found: boolean }> {
  let dir = start ? vscode.Uri.joinPath(start, '..') : folder.uri;
  while (dir.path.startsWith(folder.uri.path)) {
    const candidate = vscode.Uri.joinPath(dir, CONFIG_FILE_NAME);
    if (await exists(candidate)) return { uri: candidate, found: true };
    if (dir.path === folder.uri.path) break;
    dir = vscode.Uri.joinPath(dir, '..');
  }
  return { uri: vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME), found: false };
}

/** `ztlint.openConfig`: opens the config file that applies to the active file, offering to create one. */
export async function openConfig(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(`ztlint: open a folder to give it a ${CONFIG_FILE_NAME}.`);
    return;
  }
  const { uri, found } = await nearestConfig(folder, active && vscode.workspace.getWorkspaceFolder(active) ? active : undefined);
  if (!found) {
    const create = `Create ${CONFIG_FILE_NAME}`;
    if ((await vscode.window.showInformationMessage(`ztlint: ${folder.name} has no ${CONFIG_FILE_NAME}.`, create)) !== create) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(NEW_CONFIG));
  }
  await vscode.window.showTextDocument(uri);
}
