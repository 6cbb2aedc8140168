import * as vscode from 'vscode';

/** The `source` the server sets on every diagnostic it publishes. */
export const DIAGNOSTIC_SOURCE = 'ztlint';

/** ztlint's diagnostics in every file the editor holds diagnostics for (open files and, once scanned, the rest). */
export function ztlintDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
  return vscode.languages
    .getDiagnostics()
    .map(([uri, all]): [vscode.Uri, vscode.Diagnostic[]] => [uri, all.filter((d) => d.source === DIAGNOSTIC_SOURCE)])
    .filter(([, found]) => found.length > 0);
}

/** The rule id a ztlint diagnostic carries in `code`, plain or with its docs link. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}
