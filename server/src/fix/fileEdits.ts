import type { AnalyzedDocument } from '../engine/document';
import type { Fix } from '../lint/ruleApi';
import { editsForFix } from './applyFixes';
import type { TextEdit } from './textEdit';
import { fileOfIntent } from './writers/editor';

/** A fix's edits by the file they change: its own, and the parameter file that supplies a value it changes. */
export type FileEdits = ReadonlyMap<string, readonly TextEdit[]>;

/** The fix's edits, when every one can be written in `documents` (by path; the document's own included). */
export function editsByFile(document: AnalyzedDocument, fix: Fix, documents: ReadonlyMap<string, AnalyzedDocument>): FileEdits | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const intent of fix.intents) {
    const target = documents.get(fileOfIntent(intent) ?? document.path);
    if (!target) return undefined;
    const result = editsForFix(target, { ...fix, intents: [intent] });
    if ('error' in result) return undefined;
    byFile.set(target.path, [...(byFile.get(target.path) ?? []), ...result.edits]);
  }
  return byFile;
}
