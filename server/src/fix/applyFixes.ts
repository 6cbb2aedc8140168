import { analyzeDocument } from '../engine/analyze';
import type { AnalyzedDocument } from '../engine/document';
import type { Finding } from '../lint/finding';
import { internalErrorSummary } from '../lint/internalError';
import type { Fix } from '../lint/ruleApi';
import { applyEdits, editsOverlap, FixNotWritable, type TextEdit } from './textEdit';
import { writerFor } from './writer';

/** The edits that carry out a fix in this document, or why they cannot be written. */
export function editsForFix(document: AnalyzedDocument, fix: Fix): { edits: TextEdit[] } | { error: string } {
  const writer = writerFor(document);
  if (!writer) return { error: `fixes cannot be written in ${document.format} files` };
  try {
    return { edits: fix.intents.flatMap((intent) => writer.edits(document, intent)) };
  } catch (error) {
    if (error instanceof FixNotWritable) return { error: error.message };
    // A writer's bug costs the fix, not the request or the run that asked for it.
    return { error: `the fix could not be written: ${internalErrorSummary(error)}` };
  }
}

const syntaxErrors = (document: AnalyzedDocument) => document.diagnostics.filter((d) => d.severity === 'error').length;

/** `editsForFix`, refused when the fixed text would have more syntax errors than the document: such a fix is not offered. */
export function parseableEditsForFix(document: AnalyzedDocument, fix: Fix): { edits: TextEdit[] } | { error: string } {
  const result = editsForFix(document, fix);
  if ('error' in result || syntaxErrors(analyzeDocument(document.path, applyEdits(document.text, result.edits))) <= syntaxErrors(document)) return result;
  return { error: 'the fix would leave the file with syntax errors' };
}

export interface FixOutcome {
  readonly text: string;
  /** how many fixes were applied, over all passes */
  readonly applied: number;
}

/** Passes over a file before giving up on fixes that keep producing fixable findings. */
const MAX_PASSES = 10;

/**
 * Applies fixes to a file until none is left: each pass re-analyses and re-lints, applies every fix whose edits
 * do not touch another's, and leaves the rest to the next pass. A fix that would add syntax errors is not
 * applied.
 */
export function applyFixes(filePath: string, text: string, lint: (document: AnalyzedDocument) => readonly Finding[], accept: (finding: Finding) => boolean = (f) => f.fix?.safe ?? false): FixOutcome {
  let current = text;
  let applied = 0;
  // Each pass's fixed text is analysed to check its syntax; that analysis is the next pass's document.
  let document = analyzeDocument(filePath, current);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const errorsBefore = syntaxErrors(document);
    let chosen: TextEdit[][] = [];
    for (const finding of lint(document)) {
      if (!finding.fix || finding.suppression || !accept(finding)) continue;
      const result = editsForFix(document, finding.fix);
      if ('error' in result || result.edits.length === 0) continue;
      if (chosen.some((edits) => editsOverlap(edits, result.edits))) continue;
      chosen.push(result.edits);
    }
    if (chosen.length === 0) break;
    const breaksSyntax = (fixed: AnalyzedDocument) => syntaxErrors(fixed) > errorsBefore;
    let next = applyEdits(current, chosen.flat());
    let fixed = analyzeDocument(filePath, next);
    if (breaksSyntax(fixed)) {
      // Only when the pass breaks the syntax is each fix tried alone, to keep those that do not.
      chosen = chosen.filter((edits) => !breaksSyntax(analyzeDocument(filePath, applyEdits(current, edits))));
      if (chosen.length === 0) break;
      next = applyEdits(current, chosen.flat());
      fixed = analyzeDocument(filePath, next);
      if (breaksSyntax(fixed)) break;
    }
    if (next === current) break;
    current = next;
    document = fixed;
    applied += chosen.length;
  }
  return { text: current, applied };
}
