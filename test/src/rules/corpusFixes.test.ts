import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import type { AnalyzedDocument } from 'ztlint/engine/document';
import { applyFixes, editsForFix } from 'ztlint/fix/applyFixes';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { lintDocument } from 'ztlint/lint/lintDocument';
import { corpusFiles, isInvalid } from '../support/corpus';

function errorCount(document: AnalyzedDocument): number {
  return document.diagnostics.filter((d) => d.severity === 'error').length;
}

describe('every rule over the shared corpus', () => {
  it('fails on no file, the invalid ones included', function () {
    this.timeout(600_000);
    const rules = builtinCatalogue().rules;
    const files = corpusFiles('bicep', 'bicepparam', 'arm', 'armparams', 'k8s');
    assert.ok(files.some(isInvalid) && files.some((file) => !isInvalid(file)), `the corpus holds valid and invalid files (${files.length} files)`);
    const failures = files.flatMap((file) =>
      lintDocument(analyzeDocument(path.join('/corpus', file.path), file.text), { rules }).failures.map((f) => `${file.path}: ${f.ruleId}: ${f.message}`),
    );
    assert.deepEqual(failures, []);
  });
});

describe('every fix over the shared corpus', () => {
  it('leaves every file parsing, and no finding that has a fix behind', function () {
    this.timeout(600_000);
    const rules = builtinCatalogue().rules;
    const lint = (document: AnalyzedDocument) => lintDocument(document, { rules }).findings;
    const stats = { files: 0, fixedFiles: 0, applied: 0, findingsBefore: 0, findingsAfter: 0 };
    const problems: string[] = [];
    for (const file of corpusFiles('bicep', 'bicepparam', 'arm', 'armparams', 'k8s')) {
      if (isInvalid(file)) continue;
      const filePath = path.join('/corpus', file.path);
      const before = analyzeDocument(filePath, file.text);
      const findings = lint(before).filter((f) => !f.suppression);
      stats.files++;
      stats.findingsBefore += findings.length;
      if (!findings.some((f) => f.fix)) {
        stats.findingsAfter += findings.length;
        continue;
      }
      const outcome = applyFixes(filePath, file.text, lint, (f) => f.fix !== undefined);
      if (outcome.applied > 0) stats.fixedFiles++;
      stats.applied += outcome.applied;
      const after = analyzeDocument(filePath, outcome.text);
      if (errorCount(after) > errorCount(before)) problems.push(`${file.path}: the fixes break the file`);
      const remaining = lint(after).filter((f) => !f.suppression);
      stats.findingsAfter += remaining.length;
      for (const finding of remaining) {
        if (finding.fix && 'edits' in editsForFix(after, finding.fix)) problems.push(`${file.path}: ${finding.ruleId} is still there with a fix: ${finding.message}`);
      }
    }
    console.log(`      corpus fixes: ${stats.files} files, ${stats.findingsBefore} findings, ${stats.applied} fixes applied in ${stats.fixedFiles} files, ${stats.findingsAfter} findings left (no fix, or a fix that cannot be written)`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });
});
