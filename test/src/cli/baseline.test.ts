import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FINGERPRINT_KEY } from 'ztlint/engine/baseline';
import { examplesCopy, jsonFindings, OPEN_NSG, tempDir, VAULTS_WITH_PARAMETER_FILES, ztlintIn } from './helpers';

interface SarifResult {
  ruleId: string;
  baselineState?: string;
  suppressions?: { kind: string; status?: string; justification?: string }[];
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
}

const sarifResults = (dir: string, ...args: string[]): SarifResult[] => JSON.parse(ztlintIn(dir, '--format', 'sarif', ...args, '.').stdout).runs[0].results;

describe('ztlint command line: baselines and fingerprints', () => {
  it('reports only findings that are not in the baseline, however lines move', () => {
    const dir = examplesCopy();
    const today = jsonFindings(ztlintIn(dir, '--format', 'json', '.').stdout);
    const written = ztlintIn(dir, '--write-baseline', 'ztlint-baseline.json', '.');
    assert.equal(written.status, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.match(written.stderr, new RegExp(`recorded ${today.length} findings in ztlint-baseline\\.json`));
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'ztlint-baseline.json'), 'utf8'));
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.findings.map((f: { ruleId: string; path: string }) => `${f.path} ${f.ruleId}`), today.map((f) => `${f.path} ${f.ruleId}`));
    assert.equal(new Set(baseline.findings.map((f: { fingerprint: string }) => f.fingerprint)).size, today.length, 'fingerprints are unique');

    // SARIF carries the same fingerprints.
    assert.deepEqual(sarifResults(dir).map((r) => r.partialFingerprints[FINGERPRINT_KEY]), baseline.findings.map((f: { fingerprint: string }) => f.fingerprint));

    const withBaseline = () => ztlintIn(dir, '--baseline', 'ztlint-baseline.json', '--format', 'json', '.');
    assert.deepEqual([withBaseline().status, jsonFindings(withBaseline().stdout)], [0, []]);

    for (const file of ['examples/bicep/main.bicep', 'examples/arm/azuredeploy.json', 'examples/kubernetes/orders.yaml']) {
      const full = path.join(dir, file);
      fs.writeFileSync(full, '\n\n\n' + fs.readFileSync(full, 'utf8'));
    }
    assert.deepEqual(jsonFindings(withBaseline().stdout), [], 'blank lines at the top move every finding, none is new');

    fs.writeFileSync(path.join(dir, 'examples/bicep/nsg.bicep'), OPEN_NSG);
    const bicep = path.join(dir, 'examples/bicep/main.bicep');
    fs.writeFileSync(bicep, fs.readFileSync(bicep, 'utf8').replace("minimumTlsVersion: 'TLS1_0'", "minimumTlsVersion: 'TLS1_1'"));
    const run = withBaseline();
    assert.equal(run.status, 1);
    assert.deepEqual(jsonFindings(run.stdout).map((f) => `${f.path} ${f.ruleId}`), ['examples/bicep/main.bicep data-tls-version', 'examples/bicep/nsg.bicep network-nsg-open-to-internet']);
  });

  it('marks SARIF results new or unchanged against the baseline; unchanged ones are suppressed and do not fail the run', () => {
    const dir = examplesCopy();
    ztlintIn(dir, '--write-baseline', 'ztlint-baseline.json', '.');
    const accepted = ztlintIn(dir, '--baseline', 'ztlint-baseline.json', '--format', 'sarif', '.');
    assert.equal(accepted.status, 0, 'every finding, errors included, is in the baseline');
    const unchanged: SarifResult[] = JSON.parse(accepted.stdout).runs[0].results;
    assert.equal(unchanged.length, jsonFindings(ztlintIn(dir, '--format', 'json', '.').stdout).length);
    assert.ok(unchanged.length > 0, 'the examples have findings to accept');
    for (const result of unchanged) {
      assert.equal(result.baselineState, 'unchanged');
      assert.deepEqual(result.suppressions, [{ kind: 'external', status: 'accepted', justification: 'recorded in the baseline ztlint-baseline.json' }]);
    }

    fs.writeFileSync(path.join(dir, 'examples/bicep/nsg.bicep'), OPEN_NSG);
    const run = ztlintIn(dir, '--baseline', 'ztlint-baseline.json', '--format', 'sarif', '.');
    assert.equal(run.status, 1);
    const results: SarifResult[] = JSON.parse(run.stdout).runs[0].results;
    const fresh = results.filter((r) => r.baselineState === 'new');
    assert.deepEqual(fresh.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.suppressions]), [['network-nsg-open-to-internet', 'examples/bicep/nsg.bicep', undefined]]);
    assert.equal(results.length, unchanged.length + 1);
    assert.equal(sarifResults(dir).some((r) => 'baselineState' in r), false, 'without a baseline, no baseline state');
  });

  it('exits 2 on a baseline it cannot read', () => {
    const dir = examplesCopy();
    fs.writeFileSync(path.join(dir, 'old.json'), '{ "version": 0, "findings": [] }');
    const missing = ztlintIn(dir, '--baseline', 'missing.json', '.');
    assert.deepEqual([missing.status, missing.stdout], [2, '']);
    assert.match(missing.stderr, /cannot read baseline missing\.json: ENOENT/);
    const old = ztlintIn(dir, '--baseline', 'old.json', '.');
    assert.equal(old.status, 2);
    assert.match(old.stderr, /invalid baseline old\.json: unsupported baseline version 0/);
  });

  it('describes fixes in SARIF as replacements in the file', () => {
    const dir = examplesCopy();
    const rbac = sarifResults(dir).find((r) => r.ruleId === 'keyvault-rbac-disabled');
    const text = fs.readFileSync(path.join(dir, 'examples/bicep/main.bicep'), 'utf8').split('\n');
    const line = text.findIndex((l) => l === 'param enableRbac bool = false') + 1;
    assert.deepEqual(rbac?.fixes, [
      {
        description: { text: 'Set enableRbacAuthorization to true' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'examples/bicep/main.bicep', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: line, startColumn: 25, endLine: line, endColumn: 30 }, insertedContent: { text: 'true' } }],
          },
        ],
        properties: { safe: true },
      },
    ]);
  });

  it('describes in SARIF a fix that edits the parameter file supplying the value', () => {
    const dir = tempDir(VAULTS_WITH_PARAMETER_FILES);
    const fixes = sarifResults(dir)
      .filter((r) => r.ruleId === 'keyvault-rbac-disabled')
      .map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.fixes?.flatMap((f) => f.artifactChanges.map((c) => [c.artifactLocation.uri, c.replacements.map((x) => x.insertedContent.text)]))]);
    assert.deepEqual(fixes, [
      ['arm/vault.json', [['arm/vault.parameters.json', ['true']]]],
      ['bicep/vault.bicep', [['bicep/vault.bicepparam', ['true']]]],
    ]);
  });
});
