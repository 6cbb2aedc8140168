import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, parseConfig } from 'ztlint/config/config';
import { jsonFindings, OPEN_NSG, tempDir, WEAK_STORAGE, ztlintIn } from './helpers';

const found = (dir: string, ...args: string[]) => {
  const run = ztlintIn(dir, '--format', 'json', ...args);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return jsonFindings(run.stdout).map((f) => `${f.path} ${f.ruleId} ${f.severity}`);
};

/** A repository whose .gitignore files (root and nested) and config exclude leave out all but two of its files. */
const IGNORING_PROJECT = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.gitignore': 'generated/\n*.local.bicep\n',
  'ztlint.config.json': '{ "exclude": ["vendor/", "**/*.draft.bicep"] }',
  'infra/main.bicep': OPEN_NSG,
  'infra/main.local.bicep': OPEN_NSG,
  'infra/generated/out.bicep': OPEN_NSG,
  'infra/vendor/lib.bicep': OPEN_NSG,
  'infra/next.draft.bicep': OPEN_NSG,
  'infra/modules/.gitignore': '*.bicep\n!kept.bicep\n',
  'infra/modules/dropped.bicep': OPEN_NSG,
  'infra/modules/kept.bicep': OPEN_NSG,
};

describe('ztlint command line: config file and ignored files', () => {
  it('finds ztlint.config.json upwards and applies its rule settings, strict and failOn', () => {
    const dir = tempDir({
      'ztlint.config.json': `{
        // JSONC: comments and trailing commas are fine
        "rules": { "network-nsg-open-to-internet": "warning", "data-public-network-access": "off", },
        "failOn": "warning",
      }`,
      'infra/deep/nsg.bicep': OPEN_NSG,
      'infra/deep/storage.bicep': WEAK_STORAGE,
    });
    const inner = path.join(dir, 'infra/deep');
    assert.deepEqual(found(inner), [
      'nsg.bicep network-nsg-open-to-internet warning',
      'storage.bicep identity-local-auth-enabled warning',
      'storage.bicep data-tls-version warning',
    ]);
    assert.equal(ztlintIn(inner, 'storage.bicep').status, 1, 'failOn: warning');
    assert.equal(ztlintIn(inner, '--fail-on', 'error', 'storage.bicep').status, 0, 'the flag overrides the config');

    const printed = ztlintIn(inner, '--print-config');
    assert.equal(printed.status, 0, printed.stderr);
    const effective = JSON.parse(printed.stdout);
    assert.equal(fs.realpathSync(effective.file), fs.realpathSync(path.join(dir, 'ztlint.config.json')));
    assert.equal(effective.rules['network-nsg-open-to-internet'], 'warning');
    assert.equal(effective.rules['data-public-network-access'], 'off');
    assert.equal(effective.rules['keyvault-rbac-disabled'], 'warning', 'rules not configured run at their own severity');
    assert.deepEqual([effective.failOn, effective.strict, effective.exclude], ['warning', false, []]);

    const listed = ztlintIn(inner, '--list-rules');
    assert.match(listed.stdout, /^data-public-network-access +off /m);
  });

  it('--config names the file; without one the defaults apply', () => {
    const dir = tempDir({ 'nsg.bicep': OPEN_NSG, 'settings/quiet.jsonc': '{ "rules": { "network-nsg-open-to-internet": "off" } }' });
    assert.deepEqual(found(dir), ['nsg.bicep network-nsg-open-to-internet error']);
    assert.deepEqual(found(dir, '--config', 'settings/quiet.jsonc'), []);
    assert.equal(JSON.parse(ztlintIn(dir, '--print-config').stdout).file, null);
    const missing = ztlintIn(dir, '--config', 'nope.json');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.json:1:1: cannot read config file: ENOENT/);
  });

  it('exits 2 naming the file, line and column of every mistake in a config', () => {
    const dir = tempDir({
      'nsg.bicep': OPEN_NSG,
      'broken/ztlint.config.json': '{\n  "rules": {\n    "keyvault-rbac-disabled": "warning"\n    "data-tls-version": "off"\n  }\n}\n',
      'wrong/ztlint.config.json': '{\n  "rules": {\n    "keyvault-rbac-disable": "error",\n    "data-tls-version": "fatal"\n  },\n  "strict": "yes",\n  "exclude": "gen/",\n  "failon": "error"\n}\n',
    });
    const broken = ztlintIn(dir, '--config', 'broken/ztlint.config.json', 'nsg.bicep');
    assert.equal(broken.status, 2);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /^broken\/ztlint\.config\.json:4:5: invalid JSON: comma expected$/m);

    const wrong = ztlintIn(path.join(dir, 'wrong'), '.');
    assert.equal(wrong.status, 2);
    const lines = wrong.stderr.trim().split('\n').slice(1);
    assert.deepEqual(lines, [
      `ztlint.config.json:3:5: unknown rule 'keyvault-rbac-disable' (did you mean 'keyvault-rbac-disabled'?)`,
      `ztlint.config.json:4:25: the setting of rule 'data-tls-version' must be one of "off", "error", "warning", "info", not "fatal"`,
      `ztlint.config.json:6:13: "strict" must be true or false, not "yes"`,
      `ztlint.config.json:7:14: "exclude" must be an array of .gitignore-style patterns (strings)`,
      `ztlint.config.json:8:3: unknown setting "failon" (did you mean 'failOn'?)`,
    ]);
  });

  it('gives the language server the same config with positions, from a folder or a file', () => {
    const dir = tempDir({ 'ztlint.config.json': '{ "strict": true, "exclude": ["gen/"] }', 'a/b/main.bicep': '' });
    for (const target of [path.join(dir, 'a/b'), path.join(dir, 'a/b/main.bicep')]) {
      const result = loadConfig(target);
      assert.ok(result.ok);
      assert.deepEqual([result.config.strict, result.config.exclude], [true, ['gen/']]);
    }
    const problems = parseConfig('{\n  "rules": []\n}', 'unsaved.json', ['a-rule']);
    assert.deepEqual(problems, { ok: false, problems: [{ file: 'unsaved.json', line: 2, column: 12, message: '"rules" must be an object of rule ids and "off", "error", "warning" or "info"' }] });
  });

  it('leaves out what .gitignore files (root and nested) and the config exclude; a named file is always linted', () => {
    const dir = tempDir(IGNORING_PROJECT);
    const linted = (cwd: string, ...args: string[]) => [...new Set(found(cwd, ...args).map((f) => f.split(' ')[0]))];
    assert.deepEqual(linted(dir), ['infra/main.bicep', 'infra/modules/kept.bicep']);
    // Scanning a subfolder still honours the .gitignore files above it, up to the repository root.
    assert.deepEqual(linted(path.join(dir, 'infra')), ['main.bicep', 'modules/kept.bicep']);
    assert.deepEqual(linted(dir, 'infra/generated/out.bicep', 'infra/next.draft.bicep'), ['infra/generated/out.bicep', 'infra/next.draft.bicep']);
  });

  it('expands a glob the shell left alone as its folder is walked: .gitignore and excludes apply', () => {
    const dir = tempDir(IGNORING_PROJECT);
    const linted = (...args: string[]) => [...new Set(found(dir, ...args).map((f) => f.split(' ')[0]))];
    assert.deepEqual(linted('infra/**/*.bicep'), ['infra/main.bicep', 'infra/modules/kept.bicep']);
    assert.deepEqual(linted('./infra/*.bicep', path.join(dir, 'infra/*/kept.bicep')), ['infra/main.bicep', 'infra/modules/kept.bicep']);
    const none = ztlintIn(dir, '--format', 'json', '--fail-on-parse-error', 'infra/**/*.json');
    assert.equal(none.status, 1);
    assert.match(none.stdout, /"path": "infra\/\*\*\/\*\.json",\s+"format": null,\s+"readError": "no such file or folder"/);
  });
});
