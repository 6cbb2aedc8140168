import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { formatJson } from 'ztlint/cli/formats/json';
import { formatSarif } from 'ztlint/cli/formats/sarif';
import { lintScan } from 'ztlint/engine/lintScan';
import { parallelScan } from 'ztlint/engine/parallelScan';
import { scan } from 'ztlint/engine/scan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { CORPUS_ROOT } from '../support/corpus';

/** Every format of the shared corpus, including workspaces whose files refer to each other, and broken files. */
const FOLDERS = ['ALZ-Bicep', 'AKS-Construction', 'azure-docs-json-samples', 'kubernetes-examples', 'argo-cd', 'microservices-demo'].map((f) => path.join(CORPUS_ROOT, f));

describe('parallel scan', () => {
  it('finds exactly what the sequential scan finds, in the same order (a large part of the corpus)', async () => {
    const catalogue = builtinCatalogue();
    const inputs = [...FOLDERS, path.resolve(__dirname, '../../fixtures/cli')];
    const progress: number[] = [];
    const parallel = await parallelScan(inputs, { workers: 2, fixEdits: true, onProgress: (phase, done) => phase === 'linting' && progress.push(done) });
    const sequential = lintScan(scan(inputs), { catalogue });
    assert.ok(sequential.length > 500, `${sequential.length} files`);
    assert.equal(parallel.length, sequential.length);
    assert.deepEqual(progress.at(-1), sequential.length, 'progress ends at the total');
    const base = CORPUS_ROOT;
    // The report formats see everything outputs use: regions, messages, related locations, fixes, suppressions.
    assert.equal(formatJson({ files: parallel, catalogue, base }), formatJson({ files: sequential, catalogue, base }));
    // SARIF \`fixes\` too: the workers write each fix's edits where its intents point into their models.
    const sarif = formatSarif({ files: parallel, catalogue, base });
    assert.ok(sarif.includes('"fixes"'), 'fixes in the SARIF log');
    assert.equal(sarif, formatSarif({ files: sequential, catalogue, base }));
  });
});
