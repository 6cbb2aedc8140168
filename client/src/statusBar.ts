import * as vscode from 'vscode';
import { ztlintDiagnostics } from './diagnostics';

/** A status-bar item with the number of ztlint findings; a click opens the Problems view. */
export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ztlint.findings', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());

  constructor() {
    this.item.name = 'ztlint findings';
    this.item.command = 'workbench.actions.view.problems';
    this.update();
  }

  show(visible: boolean): void {
    if (visible) this.item.show();
    else this.item.hide();
  }

  private update(): void {
    const counts = { errors: 0, warnings: 0, infos: 0 };
    for (const [, found] of ztlintDiagnostics()) {
      for (const d of found) {
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
        else counts.infos++;
      }
    }
    const total = counts.errors + counts.warnings + counts.infos;
    this.item.text = `$(shield) ztlint: ${total}`;
    this.item.tooltip = `ztlint: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} information`;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
