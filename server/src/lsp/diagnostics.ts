import * as fs from 'node:fs';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range as LspRange } from 'vscode-languageserver/node';
import type { ConfigProblem } from '../config/config';
import type { Catalogue } from '../lint/catalogue';
import type { Finding, RelatedLocation } from '../lint/finding';
import type { Severity } from '../lint/ruleApi';
import { LineIndex } from '../text/lineIndex';
import type { FileLint } from './fileLinter';
import { pathToUri } from './uri';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

export const SOURCE = 'ztlint';
export const INTERNAL_ERROR = 'internal-error';
export const CONFIG_INVALID = 'config-invalid';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const START_OF_FILE: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where a related location is, in whichever file holds it; the range is computed from that file's own text. */
function relatedInformation(file: IndexedFile, related: RelatedLocation, index: WorkspaceIndex): DiagnosticRelatedInformation {
  if (!related.file || related.file === file.path) return { location: { uri: file.uri, range: file.lines.toLineRange(related.range) }, message: related.message };
  const other = index.find(related.file);
  // a file without a model (not read, or let go of: WorkspaceIndex.summarize) has its text on disk
  const lines = other?.document ? other.lines : linesOnDisk(related.file);
  return { location: { uri: other?.uri ?? pathToUri(related.file), range: lines ? lines.toLineRange(related.range) : START_OF_FILE }, message: related.message };
}

function linesOnDisk(filePath: string): LineIndex | undefined {
  try {
    return new LineIndex(fs.readFileSync(filePath, 'utf8'));
  } catch {
    return undefined;
  }
}

export function findingDiagnostic(file: IndexedFile, finding: Finding, index: WorkspaceIndex, catalogue: Catalogue): Diagnostic {
  const href = catalogue.docsUri(finding.ruleId);
  return {
    range: file.lines.toLineRange(finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: finding.message,
    ...(finding.related.length > 0 ? { relatedInformation: finding.related.map((r) => relatedInformation(file, r, index)) } : {}),
  };
}

/** Everything the editor shows for a file: parse problems, unsuppressed findings and ztlint's own failures. */
export function diagnosticsOf(file: IndexedFile, lint: FileLint, index: WorkspaceIndex, catalogue: Catalogue): Diagnostic[] {
  if (lint.excluded) return [];
  const syntax = (file.document?.diagnostics ?? []).map(
    (d): Diagnostic => ({ range: file.lines.toLineRange(d.range), severity: SEVERITY[d.severity], code: d.code, source: SOURCE, message: d.message }),
  );
  const findings = lint.findings.filter((f) => !f.suppression).map((f) => findingDiagnostic(file, f, index, catalogue));
  const internal = lint.internalErrors.map(
    (message): Diagnostic => ({ range: START_OF_FILE, severity: DiagnosticSeverity.Error, code: INTERNAL_ERROR, source: SOURCE, message: `ztlint could not check this file (${message}); the error is in the server's log` }),
  );
  return [...syntax, ...findings, ...internal];
}

/** A config file's problems, shown on the config file itself where the CLI would point at them. */
export function configDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
  return problems.map((p): Diagnostic => {
    const at = { line: p.line - 1, character: p.column - 1 };
    return { range: { start: at, end: at }, severity: DiagnosticSeverity.Error, code: CONFIG_INVALID, source: SOURCE, message: `invalid ztlint config: ${p.message}` };
  });
}
