import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from 'ztlint/config/config';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { lintWithParameterFiles } from 'ztlint/engine/lintScan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { collectFacts } from 'ztlint/lint/collectFacts';
import { ANALYSIS_TIMEOUT, Deadline } from 'ztlint/lint/deadline';
import { lintDocument } from 'ztlint/lint/lintDocument';
import { FileLinter } from 'ztlint/lsp/fileLinter';
import { WorkspaceIndex } from 'ztlint/lsp/workspaceIndex';
import { corpusFiles } from '../support/corpus';
import { DEPLOYMENT_ONLY, SERVICE_ACCOUNT, SERVICE_ACCOUNT_WITHOUT_CLIENT_ID } from './fixtures';

const rules = builtinCatalogue().rules;

/** An index whose standalone collector counts the documents it collects facts on. */
function countingIndex(): { index: WorkspaceIndex; linter: FileLinter; collectedOn: string[] } {
  const collectedOn: string[] = [];
  const index = new WorkspaceIndex((document) => {
    collectedOn.push(document.text);
    return collectFacts(document, rules);
  });
  const linter = new FileLinter(index, builtinCatalogue(), () => DEFAULT_CONFIG, () => undefined);
  return { index, linter, collectedOn };
}

describe('language server: an open file\'s workspace facts', () => {
  it('are collected by its lint, with the values its rules evaluated, and equal those collected on their own', () => {
    const { index, linter, collectedOn } = countingIndex();
    const { after: account } = index.putOpen('/ws/sa.yaml', 'file:///ws/sa.yaml', SERVICE_ACCOUNT, 1);
    linter.lint(account);
    assert.deepEqual(collectedOn, [], 'the lint collected them');
    const alone = collectFacts(account.document!, rules).facts;
    assert.ok(Object.keys(alone).length > 0, 'the ServiceAccount tells the others something');
    assert.deepEqual(account.facts, alone);
  });

  it('of a version replaced before anything asked for them are never collected, and the next version is compared with what the others saw', () => {
    const { index, linter, collectedOn } = countingIndex();
    const { after: deployment } = index.putOpen('/ws/app.yaml', 'file:///ws/app.yaml', DEPLOYMENT_ONLY, 1);
    const { after: first } = index.putOpen('/ws/sa.yaml', 'file:///ws/sa.yaml', SERVICE_ACCOUNT, 1);
    linter.lint(first);
    linter.lint(deployment);
    // The client id goes (the Deployment's finding changes), then a comment is added: the version without the
    // client id is replaced before its lint, and the next one has the same facts as it.
    const { after: second } = index.putOpen('/ws/sa.yaml', 'file:///ws/sa.yaml', SERVICE_ACCOUNT_WITHOUT_CLIENT_ID, 2);
    const { before, after: third } = index.putOpen('/ws/sa.yaml', 'file:///ws/sa.yaml', `${SERVICE_ACCOUNT_WITHOUT_CLIENT_ID}# edited\n`, 3);
    assert.equal(before, second);
    linter.lint(third);
    assert.deepEqual(collectedOn, [], 'no version was collected on its own');
    assert.deepEqual(second.facts, first.facts, 'the replaced version answers what the others last saw');
    assert.deepEqual(linter.dependentsOf({ before: second, after: third }), ['/ws/app.yaml']);
  });

  it('are collected on their own when something asks before the lint', () => {
    const { index, linter, collectedOn } = countingIndex();
    const { after: account } = index.putOpen('/ws/sa.yaml', 'file:///ws/sa.yaml', SERVICE_ACCOUNT, 1);
    const { after: deployment } = index.putOpen('/ws/app.yaml', 'file:///ws/app.yaml', DEPLOYMENT_ONLY, 1);
    linter.lint(deployment);
    assert.deepEqual(collectedOn, [SERVICE_ACCOUNT], 'the Deployment\'s rules read the ServiceAccount\'s facts');
    linter.lint(account);
    assert.equal(collectedOn.length, 1, 'once');
  });

  it('are left to be collected on their own when the rules\' budget runs out while the lint collects them', () => {
    const document = analyzeDocument('/ws/sa.yaml', SERVICE_ACCOUNT);
    // How often the rules alone read the clock (the budget's start included), on a clock that never moves.
    let reads = 0;
    lintDocument(document, { rules }, new Deadline(1000, () => (reads++, 0)));
    // The same lint on a clock that jumps past the budget once the rules are done, as the facts are collected.
    let read = 0;
    const result = lintDocument(document, { rules, collectFacts: true }, new Deadline(1000, () => (++read > reads + 1 ? 10_000 : 0)));
    assert.ok(!result.findings.some((f) => f.ruleId === ANALYSIS_TIMEOUT), 'the rules ran within the budget');
    assert.equal(result.facts, undefined);
    assert.ok(read > reads + 1, 'the clock was read past the rules');
  });

  it('collected by a lint equal those collected on their own for every file of the corpus', function () {
    this.timeout(300_000);
    let withFacts = 0;
    for (const file of corpusFiles('bicep', 'bicepparam', 'arm', 'armparams', 'k8s', 'helm')) {
      const document = analyzeDocument(file.absolutePath, file.text);
      const alone = collectFacts(document, rules);
      const linted = lintWithParameterFiles(document, [], { rules, collectFacts: true }).facts;
      if (!linted) {
        // What the rules cannot run on has nothing to tell the others, or ran out of time.
        assert.ok(document.timedOut || (!document.template && !document.kubernetesObjects?.length), file.path);
        continue;
      }
      assert.deepEqual(linted, alone, file.path);
      if (Object.keys(alone.facts).length > 0) withFacts++;
    }
    assert.ok(withFacts > 200, `${withFacts} files with facts`);
  });
});
