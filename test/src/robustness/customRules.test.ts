import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir, ztlintIn } from '../cli/helpers';
import { fileUri, LspClient } from '../lsp/lspClient';

const FIXTURES = path.resolve(__dirname, '../../fixtures/custom-rules');
const MARKER = 'loaded.marker';

const STORAGE_BICEP = `resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'storders'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { minimumTlsVersion: 'TLS1_2' }
}
`;

/** A workspace with the fixture rule modules under `rules/`, a config naming `modules`, and one Bicep file. */
function workspaceWith(config: object, extraFiles: Record<string, string> = {}): string {
  const dir = tempDir({ 'ztlint.config.json': JSON.stringify(config), 'infra/storage.bicep': STORAGE_BICEP, ...extraFiles });
  fs.cpSync(FIXTURES, path.join(dir, 'rules'), { recursive: true });
  return dir;
}

const problemsOf = (stderr: string) => stderr.split('\n').filter((l) => l.includes(': rule ') || l.includes('custom rule module'));

describe('robustness: custom rules', () => {
  it('CLI: runs the rules of the modules its config names, with their docs', () => {
    const dir = workspaceWith({ customRules: ['rules/team-rules.js'] });
    const run = ztlintIn(dir, '--format', 'json', 'infra');
    assert.equal(run.status, 0, run.stderr);
    const [file] = (JSON.parse(run.stdout) as { files: { findings: { ruleId: string; message: string }[] }[] }).files;
    assert.deepEqual(
      file.findings.filter((f) => f.ruleId.startsWith('team-')).map((f) => f.message),
      ['`storage` has no `owner` tag: the team policy needs one'],
    );
    const rules = JSON.parse(ztlintIn(dir, '--list-rules', '--format', 'json').stdout) as { id: string }[];
    assert.ok(rules.some((r) => r.id === 'team-storage-owner-tag'), 'listed with the built-in rules');
  });

  it('CLI: a custom rule reads the other files through the workspace facts it declares', () => {
    const dir = workspaceWith({ customRules: ['rules/team-rules.js'] }, { 'infra/copy.bicep': STORAGE_BICEP.replace('resource storage', 'resource copy') });
    const run = ztlintIn(dir, '--format', 'sarif', 'infra');
    assert.equal(run.status, 0, run.stderr);
    type Location = { physicalLocation: { artifactLocation: { uri: string } } };
    const results = (JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: Location[]; relatedLocations?: Location[] }[] }[] }).runs[0].results;
    const uri = (l: Location) => l.physicalLocation.artifactLocation.uri;
    assert.deepEqual(
      results.filter((r) => r.ruleId === 'team-storage-name-taken').map((r) => [uri(r.locations[0]), ...(r.relatedLocations ?? []).map(uri)]),
      [
        ['infra/copy.bicep', 'infra/storage.bicep'],
        ['infra/storage.bicep', 'infra/copy.bicep'],
      ],
    );
  });

  it('CLI: --no-custom-rules runs none of their code, and a scanned file cannot name a module', () => {
    const dir = workspaceWith({ customRules: ['rules/team-rules.js'] });
    const run = ztlintIn(dir, '--no-custom-rules', '--format', 'json', 'infra');
    assert.equal(run.status, 0, run.stderr);
    assert.ok(!run.stdout.includes('team-storage-owner-tag'));
    assert.equal(fs.existsSync(path.join(dir, 'rules', MARKER)), false, 'the module was not even loaded');

    // A config among the scanned files is not the one the user chose: with --config elsewhere it is not read.
    const elsewhere = tempDir({ 'chosen.json': '{}' });
    const scanned = ztlintIn(elsewhere, '--config', 'chosen.json', '--format', 'json', dir);
    assert.equal(scanned.status, 0, scanned.stderr);
    assert.equal(fs.existsSync(path.join(dir, 'rules', MARKER)), false);
  });

  it('CLI: a rule id of the config that no rule has is still an error when custom rules are configured', () => {
    const dir = workspaceWith({ customRules: ['rules/team-rules.js'], rules: { 'team-storage-owner-tga': 'error' } });
    const run = ztlintIn(dir, 'infra');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown rule 'team-storage-owner-tga' \(did you mean 'team-storage-owner-tag'\?\)/);
  });

  const invalid: readonly [string, string, RegExp][] = [
    ['a missing id', `exports.rules = [{ title: 'x', severity: 'warning', area: 'data', principle: 'verify-explicitly', targets: ['template'], fixable: false, check() {} }];`, /bad\.js: rule #1: "id" must be a kebab-case string such as "team-storage-tls", not undefined/],
    ['a built-in id', `exports.rules = [{ id: 'keyvault-rbac-disabled', title: 'x', severity: 'warning', area: 'keyvault', principle: 'verify-explicitly', targets: ['template'], fixable: false, check() {} }];`, /bad\.js: rule 'keyvault-rbac-disabled': the id is a built-in rule's; choose another/],
    ['a module that throws', `throw new Error('cannot start');`, /bad\.js: custom rule module threw while loading: cannot start/],
    ['a wrong severity and no check', `module.exports = { id: 'team-x', title: 'x', severity: 'fatal', area: 'data', principle: 'verify-explicitly', targets: ['template'], fixable: false };`, /bad\.js: rule 'team-x': "severity" must be one of "error", "warning", "info"\n.*bad\.js: rule 'team-x': "check" must be a function/],
    ['a module that is not there', '', /missing\.js: custom rule module not found/],
    ['workspace facts without a name', `module.exports = { id: 'team-x', title: 'x', severity: 'info', area: 'data', principle: 'verify-explicitly', targets: ['template'], fixable: false, check() {}, workspaceFacts: [{ collect: () => [] }] };`, /bad\.js: rule 'team-x': "workspaceFacts", when given, must be an array of \{ name: a non-empty string, collect: a function/],
  ];
  for (const [what, source, expected] of invalid) {
    it(`CLI: a custom rule module with ${what} stops the run with a precise message`, () => {
      const dir = workspaceWith({ customRules: [source ? 'bad.js' : 'missing.js'] }, source ? { 'bad.js': source, 'team-x.md': '# team-x\n' } : {});
      const run = ztlintIn(dir, 'infra');
      assert.equal(run.status, 2, run.stdout);
      assert.match(run.stderr, /^ztlint: invalid custom rules$/m);
      assert.match(run.stderr, expected);
      assert.ok(problemsOf(run.stderr).length >= 1);
    });
  }

  it('CLI: a custom rule with no docs page beside it is refused', () => {
    const dir = workspaceWith({ customRules: ['rules/team-rules.js'] });
    fs.rmSync(path.join(dir, 'rules/team-storage-owner-tag.md'));
    const run = ztlintIn(dir, 'infra');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /team-rules\.js: rule 'team-storage-owner-tag': no documentation page: expected .*team-storage-owner-tag\.md/);
  });

  for (const trusted of [false, true]) {
    it(`language server: a${trusted ? ' trusted' : 'n untrusted'} workspace ${trusted ? 'runs' : 'does not run'} its custom rules`, async () => {
      const dir = workspaceWith({ customRules: ['rules/team-rules.js'] });
      const client = await LspClient.start(dir, { workspaceTrusted: trusted });
      try {
        const uri = fileUri(path.join(dir, 'infra/storage.bicep'));
        await client.open(uri, STORAGE_BICEP, 'bicep');
        // Published once the file is linted: the built-in TLS rule has nothing to say, the custom rule has.
        const published = await client.waitForDiagnostics(uri, () => true, 30_000);
        const custom = published.diagnostics.filter((d) => d.code === 'team-storage-owner-tag');
        assert.equal(custom.length, trusted ? 1 : 0, client.log);
        assert.equal(fs.existsSync(path.join(dir, 'rules', MARKER)), trusted, 'the module ran only in the trusted workspace');
        if (trusted) assert.equal(custom[0].codeDescription?.href, fileUri(path.join(dir, 'rules/team-storage-owner-tag.md')));
      } finally {
        await client.stop();
      }
    });
  }
});
