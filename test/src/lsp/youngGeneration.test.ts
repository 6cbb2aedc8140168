import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

/**
 * In a fresh process (a test runner's own young generation has long grown): the size of V8's young generation
 * before, during and after work that keeps many objects alive through scavenges, as a workspace scan does.
 */
const PROBE = `
const v8 = require('node:v8');
const { withYoungGenerationHeld } = require(${JSON.stringify(require.resolve('ztlint/lsp/youngGeneration'))});
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const churn = () => { const kept = []; for (let i = 0; i < 3e6; i++) { kept.push({ i, s: 'x' + i }); if (kept.length > 300000) kept.length = 0; } };
// Garbage only: scavenges that keep nothing commit both halves of the young generation without growing it.
const garbage = () => { let last; for (let i = 0; i < 1e6; i++) last = { i }; return last; };
(async () => {
  garbage();
  const before = newSpace();
  const during = await withYoungGenerationHeld(async () => { churn(); return newSpace(); });
  churn();
  console.log(JSON.stringify({ before, during, after: newSpace() }));
})();
`;

describe('language server: the young generation during a workspace scan', () => {
  it('does not grow while the work runs, and grows again after it', () => {
    const { before, during, after } = JSON.parse(execFileSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' })) as Record<string, number>;
    assert.equal(during, before);
    assert.ok(after > before, `${after} > ${before}`);
  });
});
