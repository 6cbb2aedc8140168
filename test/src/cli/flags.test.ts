import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { MAX_FILE_BYTES } from 'ztlint/engine/scan';
import { jsonFindings, OPEN_NSG, REPO, tempDir, WEAK_STORAGE, ztlintIn } from './helpers';

describe('ztlint command line: flags and exit codes', () => {
  const catalogue = builtinCatalogue();

  it('--list-rules lists every rule with its severity, area and title, as text and as JSON', () => {
    const text = ztlintIn(tempDir(), '--list-rules');
    assert.equal(text.status, 0, text.stderr);
    for (const rule of catalogue.rules) assert.match(text.stdout, new RegExp(`^${rule.id} +${rule.severity} +${rule.area} +${rule.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    const json = ztlintIn(tempDir(), '--list-rules', '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const rows: { id: string; severity: string; area: string; title: string }[] = JSON.parse(json.stdout);
    assert.deepEqual(
      rows.filter((r) => catalogue.rules.some((rule) => rule.id === r.id)).map((r) => [r.id, r.severity, r.area, r.title]),
      catalogue.rules.map((r) => [r.id, r.severity, r.area, r.title]),
    );
  });

  it('--explain prints the docs page; an unknown rule exits 2 with suggestions', () => {
    const known = ztlintIn(tempDir(), '--explain', 'keyvault-rbac-disabled');
    assert.equal(known.status, 0, known.stderr);
    assert.equal(known.stdout, catalogue.docs('keyvault-rbac-disabled'));
    const unknown = ztlintIn(tempDir(), '--explain', 'keyvault-rbac-disable');
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /unknown rule 'keyvault-rbac-disable' \(did you mean 'keyvault-rbac-disabled'\?\)/);
  });

  it('--fail-on and --max-warnings decide exit 1; --quiet reports errors only', () => {
    const dir = tempDir({ 'nsg.bicep': OPEN_NSG, 'storage.bicep': WEAK_STORAGE });
    assert.equal(ztlintIn(dir, 'nsg.bicep').status, 1, 'errors fail by default');
    assert.equal(ztlintIn(dir, 'storage.bicep').status, 0, 'warnings do not');
    assert.equal(ztlintIn(dir, '--fail-on', 'warning', 'storage.bicep').status, 1);
    assert.equal(ztlintIn(dir, '--fail-on', 'info', 'storage.bicep').status, 1);
    assert.equal(ztlintIn(dir, '--fail-on', 'note', 'storage.bicep').status, 1, 'note is SARIF\'s info');
    assert.equal(ztlintIn(dir, '--max-warnings', '3', 'storage.bicep').status, 0);
    assert.equal(ztlintIn(dir, '--max-warnings', '2', 'storage.bicep').status, 1);
    assert.equal(ztlintIn(dir, '--max-warnings', 'many', 'storage.bicep').status, 2);
    assert.equal(ztlintIn(dir, '--fail-on', 'fatal').status, 2);

    const quiet = ztlintIn(dir, '--quiet', '--format', 'json');
    assert.equal(quiet.status, 1);
    assert.deepEqual(jsonFindings(quiet.stdout).map((f) => [f.path, f.ruleId]), [['nsg.bicep', 'network-nsg-open-to-internet']]);
    assert.equal(ztlintIn(dir, '--quiet', '--max-warnings', '0', 'storage.bicep').status, 0, 'warnings dropped by --quiet do not count');
  });

  it('parse failures fail the run only with --fail-on-parse-error', () => {
    const dir = tempDir({ 'half.bicep': "param x string =\n", 'ok.bicep': "param location string = 'westeurope'\n" });
    assert.equal(ztlintIn(dir).status, 0);
    const failing = ztlintIn(dir, '--fail-on-parse-error');
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /^half\.bicep$/m);
    assert.equal(ztlintIn(dir, '--fail-on-parse-error', 'ok.bicep').status, 0);
  });

  it('names every file it cannot read (binary, invalid UTF-8, too large, missing) and lints the others', () => {
    const dir = tempDir({
      'a-binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x7d]),
      'b-latin1.yaml': Buffer.from('name: caf\xe9\n', 'latin1'),
      'd-open.bicep': OPEN_NSG,
    });
    // A sparse file: as large as it says, without writing the bytes.
    fs.writeFileSync(path.join(dir, 'c-huge.json'), '');
    fs.truncateSync(path.join(dir, 'c-huge.json'), MAX_FILE_BYTES + 1);
    const run = ztlintIn(dir, '.', 'e-missing.bicep');
    assert.equal(run.status, 1, 'the NSG error still fails the run');
    assert.match(run.stdout, /^a-binary\.json\n {2}error {2}binary file \(contains NUL bytes\) {2}file-unreadable$/m);
    assert.match(run.stdout, /^b-latin1\.yaml\n {2}error {2}invalid UTF-8 at byte 9 {2}file-unreadable$/m);
    assert.match(run.stdout, /^c-huge\.json\n {2}error {2}file is 64\.0 MB, over the 64 MB limit {2}file-unreadable$/m);
    assert.match(run.stdout, /^e-missing\.bicep\n {2}error {2}no such file or folder {2}file-unreadable$/m);
    assert.match(run.stdout, /^d-open\.bicep\n.*network-nsg-open-to-internet$/m);
    assert.equal(ztlintIn(dir, '--fail-on-parse-error', 'a-binary.json').status, 1);
  });

  it('documents the exit codes and exits 2 on conflicting flags', () => {
    const help = ztlintIn(tempDir(), '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Exit codes:\n {2}0 .*\n {2}1 .*/);
    for (const flag of ['--fix', '--fix-dry-run', '--baseline', '--write-baseline', '--max-warnings', '--fail-on-parse-error', '--list-rules', '--explain', '--quiet', '--config', '--print-config']) {
      assert.ok(help.stdout.includes(flag), `--help mentions ${flag}`);
    }
    assert.equal(ztlintIn(tempDir(), '--fix', '--fix-dry-run').status, 2);
    assert.equal(ztlintIn(tempDir(), '--baseline', 'a.json', '--write-baseline', 'b.json').status, 2);
    assert.match(ztlintIn(tempDir(), '--baseline').stderr, /--baseline needs a value/);
  });

  it('the README documents every flag --help lists, and no other', () => {
    const flags = (text: string) => new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]));
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('### Config file'));
    const help = flags(ztlintIn(tempDir(), '--help').stdout);
    const documented = flags(section);
    assert.deepEqual([...help].filter((f) => !documented.has(f)), [], 'in --help, not in the README');
    assert.deepEqual([...documented].filter((f) => !help.has(f)), [], 'in the README, not in --help');
  });
});
