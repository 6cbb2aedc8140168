import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { applyFixes, parseableEditsForFix } from '../fix/applyFixes';
import type { TextEdit } from '../fix/textEdit';
import type { Catalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import { SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED } from '../lint/suppressions';
import { findingDiagnostic } from './diagnostics';
import type { FileLinter } from './fileLinter';
import { suppressionEdits } from './suppressionEdit';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

/** The kind `editor.codeActionsOnSave` asks for: every safe fix in the file. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.ztlint`;

/** Findings about suppressions themselves are fixed by editing the suppression, not by suppressing them. */
const NOT_SUPPRESSIBLE = new Set([SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED]);

export interface CodeActionContext {
  readonly index: WorkspaceIndex;
  readonly linter: FileLinter;
  readonly catalogue: Catalogue;
  /**
   * The client resolves an action's edit when it is chosen (`codeAction/resolve`): a rule's fix-all, which lints
   * the file again after each pass, is then worked out only for the user who picks it, not for every request an
   * editor sends as the cursor moves.
   */
  readonly resolvesEdits: boolean;
}

/** What `codeAction/resolve` needs to work out a rule's fix-all: the version it was offered for. */
interface FixAllOfRule {
  readonly uri: string;
  readonly version: number | undefined;
  readonly ruleId: string;
}

function fixAllOfRuleEdit(file: IndexedFile, ruleId: string, context: CodeActionContext): WorkspaceEdit | undefined {
  const fixed = applyFixes(file.document!.path, file.text, context.linter.lintFunction(file), (f) => f.ruleId === ruleId);
  return fixed.applied > 0 ? replaceDocument(file, fixed.text) : undefined;
}

function workspaceEdit(file: IndexedFile, edits: readonly TextEdit[]): WorkspaceEdit {
  return { changes: { [file.uri]: edits.map((e): LspTextEdit => ({ range: file.lines.toLineRange(e.range), newText: e.newText })) } };
}

/** One edit that replaces the whole document with `text`. */
function replaceDocument(file: IndexedFile, text: string): WorkspaceEdit {
  return workspaceEdit(file, [{ range: { start: 0, end: file.text.length }, newText: text }]);
}

/** Whether the client asked for this kind (`only` names kinds and their parents); source actions only when asked. */
function wanted(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only) return !kind.startsWith(CodeActionKind.Source);
  return only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

function quickFixes(file: IndexedFile, findings: readonly Finding[], atRange: readonly Finding[], context: CodeActionContext): CodeAction[] {
  const document = file.document!;
  const actions: CodeAction[] = [];
  const fixAllOffered = new Set<string>();
  for (const finding of atRange) {
    const diagnostic = findingDiagnostic(file, finding, context.index, context.catalogue);
    const edits = finding.fix ? parseableEditsForFix(document, finding.fix) : undefined;
    if (finding.fix && edits && 'edits' in edits && edits.edits.length > 0) {
      actions.push({ title: finding.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: finding.fix.safe, edit: workspaceEdit(file, edits.edits) });
    }
    // Fixing all of a rule is worth offering only when there is more than the one fix above.
    const sameRule = findings.filter((f) => f.ruleId === finding.ruleId && f.fix && !f.suppression);
    if (sameRule.length > 1 && !fixAllOffered.has(finding.ruleId)) {
      fixAllOffered.add(finding.ruleId);
      const action: CodeAction = { title: `Fix all ${finding.ruleId} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
      if (context.resolvesEdits) actions.push({ ...action, data: { uri: file.uri, version: file.version, ruleId: finding.ruleId } satisfies FixAllOfRule });
      else {
        const edit = fixAllOfRuleEdit(file, finding.ruleId, context);
        if (edit) actions.push({ ...action, edit });
      }
    }
    const suppression = NOT_SUPPRESSIBLE.has(finding.ruleId) ? undefined : suppressionEdits(document, file.lines, finding);
    if (suppression) {
      actions.push({ title: `Suppress ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(file, suppression) });
    }
  }
  return actions;
}

/** Applies every safe fix of the file, as `source.fixAll.ztlint` on save. */
function fixAllSafe(file: IndexedFile, context: CodeActionContext): CodeAction | undefined {
  const fixed = applyFixes(file.document!.path, file.text, context.linter.lintFunction(file));
  return fixed.applied > 0 ? { title: 'Fix all safe ztlint problems', kind: FIX_ALL_KIND, edit: replaceDocument(file, fixed.text) } : undefined;
}

/** The code actions for a range of a linted file: quick fixes, fix-all of a rule, suppressions, and fix-all on save. */
export function codeActions(params: CodeActionParams, file: IndexedFile, findings: readonly Finding[], context: CodeActionContext): CodeAction[] {
  if (!file.document) return [];
  const start = file.lines.offsetAt(params.range.start);
  const end = file.lines.offsetAt(params.range.end);
  const unsuppressed = findings.filter((f) => !f.suppression);
  const atRange = unsuppressed.filter((f) => f.range.start <= end && start <= f.range.end);
  const actions = wanted(params, CodeActionKind.QuickFix) ? quickFixes(file, unsuppressed, atRange, context) : [];
  if (params.context.only && wanted(params, FIX_ALL_KIND)) {
    const fixAll = fixAllSafe(file, context);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** The uri of the document a resolvable action was offered for. */
export function resolvableUri(action: CodeAction): string | undefined {
  return (action.data as FixAllOfRule | undefined)?.uri;
}

/**
 * The edit of an action offered without one; unchanged when the file has moved on from the version it was offered
 * for (the client asks again for that version's actions).
 */
export function resolveCodeAction(action: CodeAction, file: IndexedFile | undefined, context: CodeActionContext): CodeAction {
  const data = action.data as FixAllOfRule | undefined;
  if (!data || !file?.document || file.version !== data.version) return action;
  const edit = fixAllOfRuleEdit(file, data.ruleId, context);
  return edit ? { ...action, edit } : action;
}
