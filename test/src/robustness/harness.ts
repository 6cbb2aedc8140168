import * as path from 'node:path';
import { analyzeDocument, versionReaders } from 'ztlint/engine/analyze';
import type { AnalyzedDocument } from 'ztlint/engine/document';
import { applyFixes, editsForFix } from 'ztlint/fix/applyFixes';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import type { Finding } from 'ztlint/lint/finding';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { Range } from 'ztlint/text/range';
import { graphDifference } from '../support/graph';

/** mulberry32: a tiny seeded PRNG, so every run mutates the same way and a failure can be replayed. */
export function prng(seed: number): { next(): number; int(below: number): number; pick<T>(items: readonly T[]): T } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)] };
}

/** A seed from a string (a file's path), so each file has its own mutations. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

function rangeProblem(what: string, range: Range | undefined, length: number): string | undefined {
  if (!range || !Number.isInteger(range.start) || !Number.isInteger(range.end)) return `${what}: range is not integers: ${JSON.stringify(range)}`;
  if (range.start < 0 || range.end < range.start || range.end > length) return `${what}: range ${range.start}-${range.end} outside 0-${length}`;
  return undefined;
}

export interface CheckOptions {
  /** also run `applyFixes` (and `editsForFix` on every fix) when findings have fixes */
  readonly fixes?: boolean;
  /**
   * The version before `text`, as an editor has it open: `text` is also read as an editor reads its next version
   * (re-reading only what changed, see `versionReaders`), which must give what a read of the whole text gives.
   */
  readonly previous?: string;
}

/** What an editor's reading of `text` after `previous` changes from a read of the whole `text`: nothing, or a problem. */
function editorReadProblem(filePath: string, previous: string, text: string, whole: AnalyzedDocument): string | undefined {
  try {
    const readers = versionReaders();
    analyzeDocument(filePath, previous, readers);
    const edited = analyzeDocument(filePath, text, readers);
    const difference = graphDifference(edited, whole);
    return difference === undefined ? undefined : `an editor's read of this version after the one before differs from a read of the whole text at ${difference}`;
  } catch (error) {
    return `an editor's read of this version after the one before threw: ${describe(error)}`;
  }
}

/**
 * Analyses and lints `text` as `filePath` with every built-in rule, and applies the fixes when some finding has
 * one. Returns what is wrong: thrown errors, rule failures, malformed diagnostics or findings. Empty when fine.
 */
export function checkText(filePath: string, text: string, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const rules = builtinCatalogue().rules;
  let document: AnalyzedDocument;
  try {
    document = analyzeDocument(filePath, text);
  } catch (error) {
    return [`analyzeDocument threw: ${describe(error)}`];
  }
  if (options.previous !== undefined) {
    const problem = editorReadProblem(filePath, options.previous, text, document);
    if (problem) problems.push(problem);
  }
  for (const d of document.diagnostics) {
    const bad = rangeProblem(`diagnostic ${d.code} "${d.message}"`, d.range, text.length);
    if (bad) problems.push(bad);
    if (typeof d.message !== 'string' || d.message.length === 0) problems.push(`diagnostic ${d.code} has no message`);
    if (!SEVERITIES.has(d.severity)) problems.push(`diagnostic ${d.code} has severity ${String(d.severity)}`);
    if (typeof d.code !== 'string' || d.code.length === 0) problems.push(`diagnostic "${d.message}" has no code`);
  }
  let findings: readonly Finding[];
  try {
    const result = lintDocument(document, { rules });
    for (const failure of result.failures) problems.push(`rule ${failure.ruleId} failed: ${failure.message}`);
    findings = result.findings;
  } catch (error) {
    return [...problems, `lintDocument threw: ${describe(error)}`];
  }
  for (const f of findings) {
    const bad = rangeProblem(`finding ${f.ruleId} "${f.message}"`, f.range, text.length);
    if (bad) problems.push(bad);
    if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`finding ${f.ruleId} has no message`);
    if (!SEVERITIES.has(f.severity)) problems.push(`finding ${f.ruleId} has severity ${String(f.severity)}`);
    for (const r of f.related) {
      if (r.file) continue;
      const badRelated = rangeProblem(`related location of ${f.ruleId} "${r.message}"`, r.range, text.length);
      if (badRelated) problems.push(badRelated);
    }
  }
  if (options.fixes && findings.some((f) => f.fix)) {
    for (const f of findings) {
      if (!f.fix) continue;
      try {
        const result = editsForFix(document, f.fix);
        if ('edits' in result) {
          for (const edit of result.edits) {
            const bad = rangeProblem(`edit of the fix of ${f.ruleId}`, edit.range, text.length);
            if (bad) problems.push(bad);
          }
        }
      } catch (error) {
        problems.push(`editsForFix threw for ${f.ruleId}: ${describe(error)}`);
      }
    }
    try {
      const lint = (d: AnalyzedDocument) => {
        const result = lintDocument(d, { rules });
        for (const failure of result.failures) problems.push(`after fixes, rule ${failure.ruleId} failed: ${failure.message}`);
        return result.findings;
      };
      const outcome = applyFixes(filePath, text, lint, (f) => f.fix !== undefined);
      if (typeof outcome.text !== 'string') problems.push('applyFixes returned no text');
    } catch (error) {
      problems.push(`applyFixes threw: ${describe(error)}`);
    }
  }
  return problems;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? ` at ${error.stack.split('\n').slice(1, 3).join(' ').trim()}` : ''}`;
  return String(error);
}

/** A path with the extension that makes the engine read `text` as the format of `sample`. */
export const virtualPath = (relative: string) => path.join('/robustness', relative);

/** Short, printable: where a failing input starts, for the assertion message. */
export function excerpt(text: string, at = 0, length = 80): string {
  return JSON.stringify(text.slice(at, at + length)) + (text.length > at + length ? '…' : '');
}
