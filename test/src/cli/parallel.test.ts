import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatJson } from 'ztlint/cli/formats/json';
import { displayPath } from 'ztlint/cli/formats/location';
import { formatSarif } from 'ztlint/cli/formats/sarif';
import { baselineEntries, baselineJson } from 'ztlint/engine/baseline';
import { lintScan, type LintedFile } from 'ztlint/engine/lintScan';
import { scan } from 'ztlint/engine/scan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { CORPUS_ROOT } from '../support/corpus';
import { tempDir, ztlintIn } from './helpers';

describe('ztlint on a large scan', () => {
  // Over the 200 files from which the command starts its workers: Bicep, ARM templates and parameter files.
  const folders = ['ALZ-Bicep', 'azure-docs-json-samples'];
  // The command's base is its working folder as the system names it, which SARIF writes out: the same here.
  const corpus = fs.realpathSync(CORPUS_ROOT);
  let inThread: LintedFile[];
  before(() => {
    inThread = lintScan(scan(folders.map((f) => path.join(corpus, f))), { catalogue: builtinCatalogue() });
    assert.ok(inThread.length > 200, `${inThread.length} files`);
  });

  it('lints in workers started while the files are listed, and reports what one thread reports', () => {
    const run = ztlintIn(corpus, '--format', 'json', ...folders);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, formatJson({ files: inThread, catalogue: builtinCatalogue(), base: corpus }));
  });

  it('writes the same SARIF, fixes included, as one thread', () => {
    const run = ztlintIn(corpus, '--format', 'sarif', ...folders);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(run.stdout.includes('"fixes"'), 'fixes in the SARIF log');
    assert.equal(run.stdout, formatSarif({ files: inThread, catalogue: builtinCatalogue(), base: corpus }));
  });

  it('records the same baseline as one thread, and then reports nothing new', () => {
    const baseline = path.join(tempDir(), 'baseline.json');
    const written = ztlintIn(corpus, '--write-baseline', baseline, ...folders);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(fs.readFileSync(baseline, 'utf8'), baselineJson(baselineEntries(inThread, (file) => displayPath(file, corpus))));
    const compared = ztlintIn(corpus, '--baseline', baseline, '--format', 'json', ...folders);
    const reported = (JSON.parse(compared.stdout) as { files: { findings: unknown[] }[] }).files.flatMap((f) => f.findings);
    assert.deepEqual(reported, []);
  });
});
