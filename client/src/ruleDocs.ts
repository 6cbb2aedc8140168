import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ruleIdOf, ztlintDiagnostics } from './diagnostics';

/** The docs page shipped in the bundle (`server/dist/rules/src/<area>/<id>.md`), found without knowing the area. */
function bundledPage(extensionPath: string, ruleId: string): vscode.Uri | undefined {
  const docs = path.join(extensionPath, 'server', 'dist', 'rules', 'src');
  const areas = fs.existsSync(docs) ? fs.readdirSync(docs) : [];
  const page = areas.map((area) => path.join(docs, area, `${ruleId}.md`)).find((p) => fs.existsSync(p));
  return page ? vscode.Uri.file(page) : undefined;
}

/**
 * The rules to offer when the command is run without an argument: those under the cursor first, then the rest of
 * the active file's, then every rule with a finding anywhere.
 */
function candidateRules(): string[] {
  const editor = vscode.window.activeTextEditor;
  const all = ztlintDiagnostics();
  const inFile = editor ? (all.find(([uri]) => uri.toString() === editor.document.uri.toString())?.[1] ?? []) : [];
  const atCursor = editor ? inFile.filter((d) => d.range.contains(editor.selection.active)) : [];
  const ordered = [...atCursor, ...inFile, ...all.flatMap(([, found]) => found)].map(ruleIdOf);
  return [...new Set(ordered.filter((id): id is string => id !== undefined))];
}

/** `ztlint.showRuleDocs [ruleId]`: opens the rule's docs page in the Markdown preview. */
export async function showRuleDocs(extensionPath: string, ruleId?: string): Promise<void> {
  const candidates = ruleId ? [ruleId] : candidateRules();
  const chosen = candidates.length > 1 ? await vscode.window.showQuickPick(candidates, { placeHolder: 'Show the docs of which ztlint rule?' }) : candidates[0];
  if (!chosen) {
    if (candidates.length === 0) void vscode.window.showInformationMessage('ztlint: no finding to show the rule docs of.');
    return;
  }
  const page = bundledPage(extensionPath, chosen);
  if (!page) {
    void vscode.window.showWarningMessage(`ztlint: no docs page for rule '${chosen}'.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
}
