import * as assert from 'node:assert/strict';
import { parseConfig } from 'ztlint/config/config';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { lintDocument } from 'ztlint/lint/lintDocument';
import { SUPPRESSION_UNUSED } from 'ztlint/lint/suppressions';
import { tempDir, ztlintIn } from '../cli/helpers';
import { VAULT_BICEP } from '../lsp/fixtures';

const ids = () => builtinCatalogue().rules.map((r) => r.id);

/** The problems of a config text, as `line:column message`. */
function problemsOf(text: string): string[] {
  const result = parseConfig(text, 'ztlint.config.json', ids());
  return result.ok ? [] : result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

describe('robustness: invalid settings get a precise message', () => {
  for (const [value, shown] of [['0', '0'], ['-5', '-5'], ['1.5', '1.5'], ['"fast"', '"fast"'], ['10000000', '10000000']]) {
    it(`config: "analysisTimeoutMs": ${value} says where, what is allowed and what was written`, () => {
      assert.deepEqual(problemsOf(`{\n  "analysisTimeoutMs": ${value}\n}`), [`2:24 "analysisTimeoutMs" must be a whole number of milliseconds from 1 to 600000, not ${shown}`]);
    });
  }

  it('config: "customRules" must be a list of module paths', () => {
    assert.deepEqual(problemsOf('{ "customRules": "rules.js" }'), ['1:18 "customRules" must be an array of paths to rule modules (.js), relative to the config file']);
    assert.deepEqual(problemsOf('{ "customRules": [""] }'), ['1:18 "customRules" must be an array of paths to rule modules (.js), relative to the config file']);
  });

  it('config: a misspelt setting is named, with the setting meant', () => {
    assert.deepEqual(problemsOf('{ "analysisTimeout": 100 }'), ['1:3 unknown setting "analysisTimeout" (did you mean \'analysisTimeoutMs\'?)']);
  });

  it('CLI: a config error stops the run (exit 2) rather than linting with fewer rules', () => {
    const dir = tempDir({ 'ztlint.config.json': '{ "rules": { "keyvault-rbac-disabeld": "off" }, "analysisTimeoutMs": 0 }', 'vault.bicep': VAULT_BICEP });
    const run = ztlintIn(dir, '.');
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /ztlint\.config\.json:1:14: unknown rule 'keyvault-rbac-disabeld' \(did you mean 'keyvault-rbac-disabled'\?\)/);
    assert.match(run.stderr, /ztlint\.config\.json:1:70: "analysisTimeoutMs" must be a whole number/);
  });

  for (const [args, expected] of [
    [['--analysis-timeout', 'soon'], /--analysis-timeout needs a whole number of milliseconds from 1 to 600000, not 'soon'/],
    [['--analysis-timeout', '0'], /--analysis-timeout needs a whole number of milliseconds from 1 to 600000, not '0'/],
    [['--analysis-timeout'], /--analysis-timeout needs a value/],
    [['--no-custom-rules=yes'], /unknown option '--no-custom-rules'/],
  ] as const) {
    it(`CLI: ${args.join(' ')} is a usage error that says what is allowed`, () => {
      const run = ztlintIn(tempDir(), ...args);
      assert.equal(run.status, 2);
      assert.match(run.stderr, expected);
    });
  }

  it('suppression: a misspelt rule id is named, with the rule meant', () => {
    const text = `// ztlint-disable-next-line keyvault-rbac-disabeld -- RBAC comes with the platform landing zone\n${VAULT_BICEP}`;
    const findings = lintDocument(analyzeDocument('/settings/vault.bicep', text), { rules: builtinCatalogue().rules }).findings;
    const unused = findings.filter((f) => f.ruleId === SUPPRESSION_UNUSED);
    assert.deepEqual(
      unused.map((f) => f.message),
      ["Suppression of keyvault-rbac-disabeld suppresses nothing; no rule has the id 'keyvault-rbac-disabeld' (did you mean 'keyvault-rbac-disabled'?): correct or remove it"],
    );
    assert.ok(findings.some((f) => f.ruleId === 'keyvault-rbac-disabled' && !f.suppression), 'the finding is still reported');
  });

  it('baseline: a file that is not a baseline says what is wrong with it', () => {
    const dir = tempDir({ 'vault.bicep': VAULT_BICEP, 'a.json': '{ "version": 1, "findings": [{ "ruleId": "x" }] }', 'b.json': '[1, 2' });
    assert.match(ztlintIn(dir, '--baseline', 'a.json', '.').stderr, /invalid baseline a\.json: "findings" must be a list of \{ ruleId, path, fingerprint \}/);
    assert.match(ztlintIn(dir, '--baseline', 'b.json', '.').stderr, /invalid baseline b\.json: not JSON: /);
  });
});
