import * as vscode from 'vscode';
import { ruleIdOf } from './diagnostics';

/** `ztlint.syntaxErrors`: whether ztlint shows the syntax errors its parsers find. */
export type SyntaxErrorsSetting = 'auto' | 'show' | 'hide';

interface Validator {
  /** the extension that reports the same syntax errors */
  readonly extension: string;
  /** the setting that turns its validation off, if it has one */
  readonly enabledBy?: string;
}

/**
 * ztlint's syntax diagnostics (by `code`) and the extensions that already report the same errors in the same
 * files: the official Bicep extension, VS Code's own JSON support or the ARM Tools (which take `.json` ARM
 * templates as `arm-template`), and Red Hat's YAML. Findings of rules are never hidden, only these.
 */
const VALIDATED_ELSEWHERE: Readonly<Record<string, readonly Validator[]>> = {
  'bicep-syntax': [{ extension: 'ms-azuretools.vscode-bicep' }],
  'json-syntax': [{ extension: 'vscode.json-language-features', enabledBy: 'json.validate.enable' }, { extension: 'msazurermtools.azurerm-vscode-tools' }],
  'arm-expression': [{ extension: 'msazurermtools.azurerm-vscode-tools' }],
  'yaml-syntax': [{ extension: 'redhat.vscode-yaml', enabledBy: 'yaml.validate' }],
};

function validating({ extension, enabledBy }: Validator): boolean {
  return vscode.extensions.getExtension(extension) !== undefined && (!enabledBy || vscode.workspace.getConfiguration().get<boolean>(enabledBy, true));
}

/**
 * The codes of the syntax diagnostics to leave out, decided once per language-client start: "auto" leaves out
 * those another installed extension reports already, so that one broken bracket is not reported twice.
 */
export function hiddenSyntaxCodes(): ReadonlySet<string> {
  const setting = vscode.workspace.getConfiguration('ztlint').get<SyntaxErrorsSetting>('syntaxErrors', 'auto');
  if (setting === 'show') return new Set();
  const codes = Object.entries(VALIDATED_ELSEWHERE);
  return new Set(codes.filter(([, validators]) => setting === 'hide' || validators.some(validating)).map(([code]) => code));
}

/** Whether a change of settings alters what `hiddenSyntaxCodes` decides. */
export function affectsHiddenSyntax(e: vscode.ConfigurationChangeEvent): boolean {
  const settings = ['ztlint.syntaxErrors', ...Object.values(VALIDATED_ELSEWHERE).flatMap((vs) => vs.flatMap((v) => v.enabledBy ?? []))];
  return settings.some((s) => e.affectsConfiguration(s));
}

export function withoutHiddenSyntax(diagnostics: vscode.Diagnostic[], hidden: ReadonlySet<string>): vscode.Diagnostic[] {
  return hidden.size === 0 ? diagnostics : diagnostics.filter((d) => !hidden.has(ruleIdOf(d) ?? ''));
}
