import { analyzeDocument } from '../engine/analyze';
import type { AnalyzedDocument } from '../engine/document';
import type { Finding } from '../lint/finding';
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
    throw error;
  }
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
 * do not touch another's, and leaves the rest to the next pass. A pass that would make the file unparseable is
 * not applied.
 */
export function applyFixes(filePath: string, text: string, lint: (document: AnalyzedDocument) => readonly Finding[], accept: (finding: Finding) => boolean = (f) => f.fix?.safe ?? false): FixOutcome {
  let current = text;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const document = analyzeDocument(filePath, current);
    const errorsBefore = document.diagnostics.filter((d) => d.severity === 'error').length;
    const chosen: TextEdit[][] = [];
    for (const finding of lint(document)) {
      if (!finding.fix || finding.suppression || !accept(finding)) continue;
      const result = editsForFix(document, finding.fix);
      if ('error' in result || result.edits.length === 0) continue;
      if (chosen.some((edits) => editsOverlap(edits, result.edits))) continue;
      chosen.push(result.edits);
    }
    if (chosen.length === 0) break;
    const next = applyEdits(current, chosen.flat());
    const errorsAfter = analyzeDocument(filePath, next).diagnostics.filter((d) => d.severity === 'error').length;
    if (errorsAfter > errorsBefore || next === current) break;
    current = next;
    applied += chosen.length;
  }
  return { text: current, applied };
}
