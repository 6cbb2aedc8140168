import * as fs from 'node:fs';
import { analyzeDocument } from '../engine/analyze';
import type { AnalyzedDocument } from '../engine/document';
import { scanLinter, type LintedFile, type LintOptionsForScan } from '../engine/lintScan';
import { parameterFilesFor } from '../engine/parameterFiles';
import type { FileResult, ScanResult } from '../engine/scan';
import { editsByFile, type FileEdits } from '../fix/fileEdits';
import { applyEdits, editsOverlap } from '../fix/textEdit';
import type { Finding } from '../lint/finding';
import { decodeText } from '../text/decode';

/** A file that safe fixes change: its text before and after, exactly as on disk (byte order mark included). */
export interface FixedFile {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** how many fixes were applied (a fix that edits several files counts in the first) */
  readonly applied: number;
}

/** Passes over the scan before giving up on fixes that keep producing fixable findings. */
const MAX_PASSES = 10;

const syntaxErrors = (document: AnalyzedDocument) => document.diagnostics.filter((d) => d.severity === 'error').length;

/**
 * The files these fixes change, analysed again. A fix that would add syntax errors to a file it edits is left out
 * with everything else it edits, so that no fix is half applied.
 */
function applyToFiles(fixes: readonly FileEdits[], documents: ReadonlyMap<string, AnalyzedDocument>): { readonly changed: Map<string, AnalyzedDocument>; readonly applied: readonly FileEdits[] } {
  let kept = fixes;
  for (;;) {
    const changed = new Map<string, AnalyzedDocument>();
    const broken = new Set<string>();
    for (const file of new Set(kept.flatMap((fix) => [...fix.keys()]))) {
      const before = documents.get(file)!;
      const after = analyzeDocument(file, applyEdits(before.text, kept.flatMap((fix) => fix.get(file) ?? [])));
      if (syntaxErrors(after) > syntaxErrors(before)) broken.add(file);
      else if (after.text !== before.text) changed.set(file, after);
    }
    if (broken.size === 0) return { changed, applied: kept };
    // Each fix alone first: only the ones that break a file on their own are dropped.
    const alone = kept.filter((fix) => [...fix].every(([file, edits]) => !broken.has(file) || syntaxErrors(analyzeDocument(file, applyEdits(documents.get(file)!.text, edits))) <= syntaxErrors(documents.get(file)!)));
    kept = alone.length < kept.length ? alone : kept.filter((fix) => ![...fix.keys()].some((file) => broken.has(file)));
  }
}

/**
 * Applies every safe fix to the scanned files, in memory. Each pass applies the fixes whose edits touch no other's,
 * in whichever file they edit: a template's fix can change a value in its parameter file. The files a pass changed,
 * and the templates whose parameter files it changed, are linted again for the next pass.
 */
export function fixScan(scan: ScanResult, linted: readonly LintedFile[], options: LintOptionsForScan): FixedFile[] {
  let results = new Map<string, FileResult>(scan.files.map((result) => [result.path, result]));
  const findings = new Map<string, readonly Finding[]>(linted.map(({ result, findings }) => [result.path, findings]));
  const applied = new Map<string, number>();
  let toFix = new Set(findings.keys());
  for (let pass = 0; pass < MAX_PASSES && toFix.size > 0; pass++) {
    const documents = new Map([...results.values()].flatMap((r) => (r.kind === 'analyzed' ? [[r.path, r.document] as const] : [])));
    const chosen: FileEdits[] = [];
    const fixing = new Set<string>();
    for (const file of toFix) {
      const document = documents.get(file);
      if (!document) continue;
      for (const finding of findings.get(file) ?? []) {
        if (!finding.fix?.safe || finding.suppression) continue;
        const edits = editsByFile(document, finding.fix, documents);
        if (!edits || [...edits.values()].every((e) => e.length === 0)) continue;
        if (chosen.some((other) => [...edits].some(([target, e]) => editsOverlap(other.get(target) ?? [], e)))) continue;
        chosen.push(edits);
        fixing.add(file);
      }
    }
    const outcome = applyToFiles(chosen, documents);
    if (outcome.changed.size === 0) break;
    for (const fix of outcome.applied) {
      const first = fix.keys().next().value!;
      applied.set(first, (applied.get(first) ?? 0) + 1);
    }
    results = new Map([...results].map(([file, result]) => [file, outcome.changed.has(file) ? { kind: 'analyzed', path: file, document: outcome.changed.get(file)! } : result]));
    const all = [...results.values()].flatMap((r) => (r.kind === 'analyzed' ? [r.document] : []));
    const lint = scanLinter({ files: [...results.values()] }, options);
    toFix = new Set([...fixing, ...outcome.changed.keys(), ...all.filter((d) => parameterFilesFor(d, all).some((p) => outcome.changed.has(p.path))).map((d) => d.path)]);
    for (const file of toFix) {
      const result = results.get(file);
      if (result?.kind === 'analyzed') findings.set(file, lint(result.document).findings);
    }
  }
  return onDisk(scan, results, applied);
}

/**
 * The changed files as they are on disk and as they will be: the scan drops the byte order mark, so read it back
 * to keep it. A file that changed on disk since the scan is left alone.
 */
function onDisk(scan: ScanResult, results: ReadonlyMap<string, FileResult>, applied: ReadonlyMap<string, number>): FixedFile[] {
  const fixed: FixedFile[] = [];
  for (const original of scan.files) {
    const now = results.get(original.path);
    if (original.kind !== 'analyzed' || now?.kind !== 'analyzed' || now.document === original.document) continue;
    const decoded = decodeText(fs.readFileSync(original.path));
    if (!decoded.ok || decoded.text !== original.document.text || now.document.text === decoded.text) continue;
    const bom = decoded.hadBom ? '\ufeff' : '';
    fixed.push({ path: original.path, before: bom + decoded.text, after: bom + now.document.text, applied: applied.get(original.path) ?? 0 });
  }
  return fixed;
}
