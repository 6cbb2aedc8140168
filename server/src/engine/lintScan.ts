import type { Finding } from '../lint/finding';
import type { Catalogue } from '../lint/catalogue';
import { deadlineFor, lintDocument, type LintOptions, type LintResult, type RuleFailure } from '../lint/lintDocument';
import type { Severity, WorkspaceView } from '../lint/ruleApi';
import { LineIndex } from '../text/lineIndex';
import type { AnalyzedDocument } from './document';
import { parameterFilesFor } from './parameterFiles';
import { withoutFile, workspaceView } from './workspaceView';
import { collectFacts, type FactCollection } from '../lint/collectFacts';
import type { FileResult, ScanResult } from './scan';

export interface LintedFile {
  readonly result: FileResult;
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
}

export interface LintOptionsForScan {
  readonly catalogue: Catalogue;
  readonly strict?: boolean;
  /** severities set by configuration; `off` turns a rule off */
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
  /** each file's time budget for the rules */
  readonly timeoutMs?: number;
}

const findingKey = (f: Finding) => `${f.ruleId}@${f.range.start}:${f.range.end}`;

/**
 * Lints a file on its own and then, for a template, with each parameter file that belongs to it; what only a
 * parameter file's values reveal is added to the template's findings.
 */
export function lintWithParameterFiles(document: AnalyzedDocument, parameterFiles: readonly AnalyzedDocument[], options: LintOptions): LintResult {
  const deadline = deadlineFor(options);
  // One line index of the template's text for all its runs, built when a finding is first located.
  let index: LineIndex | undefined;
  const runs: LintOptions = options.lines ? options : { ...options, lines: () => (index ??= new LineIndex(document.text)) };
  const own = lintDocument(document, runs, deadline);
  const findings = [...own.findings];
  const failures = [...own.failures];
  const seen = new Set(findings.map(findingKey));
  for (const parameterFile of parameterFiles) {
    const withValues = lintDocument(document, { ...runs, parameterFile, collectFacts: false }, deadline);
    for (const finding of withValues.findings) {
      if (seen.has(findingKey(finding))) continue;
      seen.add(findingKey(finding));
      findings.push(finding);
    }
    failures.push(...withValues.failures);
  }
  findings.sort((a, b) => a.range.start - b.range.start);
  return { findings, failures, ...(own.facts ? { facts: own.facts } : {}) };
}

/** The facts each analysed file of a scan tells the others, and a linter that lints with them. */
function scanWorkspace(scan: ScanResult, options: LintOptionsForScan) {
  const documents = scan.files.flatMap((f) => (f.kind === 'analyzed' ? [f.document] : []));
  const collected = new Map(documents.map((document) => [document, collectFacts(document, options.catalogue.rules, options)]));
  const view = workspaceView(documents.map((document) => ({ path: document.path, facts: collected.get(document)!.facts })));
  return { collected, lint: workspaceLinter(view, (template) => parameterFilesFor(template, documents), options) };
}

/**
 * Lints one document as `lintScan` does: with the rest of the scan as its workspace and with its parameter files.
 * The document may be a new version of a scanned file, as `--fix` produces them.
 */
export function scanLinter(scan: ScanResult, options: LintOptionsForScan): (document: AnalyzedDocument) => LintResult {
  return scanWorkspace(scan, options).lint;
}

/** Lints a document with the rest of `workspace` and with its parameter files (in scan order). */
export function workspaceLinter(workspace: WorkspaceView, parameterFilesOf: (template: AnalyzedDocument) => readonly AnalyzedDocument[], options: LintOptionsForScan): (document: AnalyzedDocument) => LintResult {
  const viewFor = (document: AnalyzedDocument) => withoutFile(workspace, document.path);
  return (document) => {
    const base: LintOptions = { rules: options.catalogue.rules, strict: options.strict ?? false, workspace: viewFor(document), ...(options.severities ? { severities: options.severities } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
    return lintWithParameterFiles(document, parameterFilesOf(document), base);
  };
}

/** A file's lint, with the failures of collecting its facts first: they are that file's rules' failures. */
export function withCollectionFailures(result: LintResult, collected: FactCollection): LintResult {
  return collected.failures.length === 0 ? result : { findings: result.findings, failures: [...collected.failures, ...result.failures] };
}

/** Lints every analysed file of a scan, each with the rest of the scan as its workspace. */
export function lintScan(scan: ScanResult, options: LintOptionsForScan): LintedFile[] {
  const { collected, lint } = scanWorkspace(scan, options);
  return scan.files.map((result) => (result.kind === 'analyzed' ? { result, ...withCollectionFailures(lint(result.document), collected.get(result.document)!) } : { result, findings: [], failures: [] }));
}
