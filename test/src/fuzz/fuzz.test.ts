import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../cli/helpers';
import { CaseRunner } from './caseRunner';
import { CASE_SUFFIX, describeSummary, fuzz, REGRESSIONS } from './fuzzer';
import { caseText, seedText, type SavedCase } from './regression';
import { seedFiles } from './seeds';

/** The suite's run: fixed, so that a failure is the same on every machine and can be replayed by its case seed. */
const SUITE_SEED = 20261123;
const SUITE_CASES = 1_500;
/** Bounds the run on a slow machine; the cases left out are the same ones each time. */
const SUITE_TIME_MS = 25_000;
/** Far above any case (the slowest take a few hundred ms): over it, a case is a hang. */
const BUDGET_MS = 10_000;

describe('fuzzing: seeded mutations of the corpus and the fixtures', function () {
  this.timeout(120_000);

  it(`runs up to ${SUITE_CASES} cases (seed ${SUITE_SEED}) with no crash, hang or broken invariant`, async () => {
    const seeds = seedFiles();
    assert.ok(seeds.some((s) => s.name.startsWith('corpus/')) && seeds.some((s) => s.name.startsWith('test/fixtures/')), 'seeded from the corpus and the fixtures');
    const summary = await fuzz({ seeds, seed: SUITE_SEED, cases: SUITE_CASES, timeMs: SUITE_TIME_MS, budgetMs: BUDGET_MS });
    console.log(describeSummary(summary).replace(/^/gm, '      '));
    assert.ok(summary.cases >= 50, `only ${summary.cases} cases ran in ${SUITE_TIME_MS} ms`);
    assert.deepEqual(summary.failures.map((f) => `${f.outcome.kind}: ${f.fixture ?? ''}`), [], 'failing cases are saved as regression fixtures');
  });

  it('saves a failing case with its case seed, seed file and edit (a case made to hang by a 1 ms budget)', async () => {
    const dir = tempDir();
    // A JSON seed whose every mutation is still linted as an ARM template; the budget is too small for any case.
    const seeds = [{ name: 'made-up', path: '/fuzz/slow.json', text: '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}' }];
    const summary = await fuzz({ seeds, seed: 1, cases: 1, budgetMs: 1, saveTo: dir });
    assert.equal(summary.hangs, 1);
    const [saved] = fs.readdirSync(dir);
    const meta = JSON.parse(fs.readFileSync(path.join(dir, saved), 'utf8')) as SavedCase;
    assert.equal(saved, `${meta.caseSeed.toString(16).padStart(8, '0')}.json${CASE_SUFFIX}`);
    assert.equal(meta.outcome, 'hang');
    assert.equal(meta.lintedAs, '/fuzz/slow.json');
  });

  const regressions = fs.existsSync(REGRESSIONS) ? fs.readdirSync(REGRESSIONS).filter((f) => f.endsWith(CASE_SUFFIX)).sort() : [];
  it(`replays the ${regressions.length} saved regression fixtures within the budget and without problems`, async () => {
    assert.ok(regressions.length > 0, `no fixtures in ${REGRESSIONS}`);
    const runner = new CaseRunner();
    try {
      for (const file of regressions) {
        const saved = JSON.parse(fs.readFileSync(path.join(REGRESSIONS, file), 'utf8')) as SavedCase;
        const outcome = await runner.run(saved.lintedAs, caseText(saved), BUDGET_MS, seedText(saved.base));
        assert.equal(outcome.kind, 'ok', `${file} (${saved.base}; ${saved.mutations.join(', ')}): ${JSON.stringify(outcome)}`);
      }
    } finally {
      await runner.close();
    }
  });
});
