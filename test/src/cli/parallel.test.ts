import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { formatJson } from 'ztlint/cli/formats/json';
import { lintScan } from 'ztlint/engine/lintScan';
import { scan } from 'ztlint/engine/scan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { CORPUS_ROOT } from '../support/corpus';
import { ztlintIn } from './helpers';

describe('ztlint on a large scan', () => {
  it('lints in workers started while the files are listed, and reports what one thread reports', () => {
    // Over the 200 files from which the command starts its workers: Bicep, ARM templates and parameter files.
    const folders = ['ALZ-Bicep', 'azure-docs-json-samples'];
    const run = ztlintIn(CORPUS_ROOT, '--format', 'json', ...folders);
    assert.equal(run.status, 1, run.stderr);
    const inThread = lintScan(scan(folders.map((f) => path.join(CORPUS_ROOT, f))), { catalogue: builtinCatalogue() });
    assert.ok(inThread.length > 200, `${inThread.length} files`);
    assert.equal(run.stdout, formatJson({ files: inThread, catalogue: builtinCatalogue(), base: CORPUS_ROOT }));
  });
});
