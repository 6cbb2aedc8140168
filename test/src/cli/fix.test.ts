import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { examplesCopy, jsonFindings, tempDir, VAULTS_WITH_PARAMETER_FILES, WEAK_STORAGE, ztlintIn, type JsonFinding } from './helpers';

/** Every file under `dir` (but .git) with its bytes, to see what a run changed. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return files;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

describe('ztlint command line: --fix and --fix-dry-run', () => {
  it('--fix applies every safe fix in place, writes only changed files and reports what remains', () => {
    const dir = examplesCopy();
    // A file with nothing to fix, which --fix must not write.
    fs.writeFileSync(path.join(dir, 'examples/bicep/clean.bicep'), "param location string = 'westeurope'\n");
    const before = jsonFindings(ztlintIn(dir, '--format', 'json', '.').stdout);
    const safe = before.filter((f) => f.fix?.safe);
    assert.ok(safe.length > 0);
    const untouched = [...new Set(before.map((f) => f.path))].filter((p) => !safe.some((f) => f.path === p)).concat('examples/bicep/clean.bicep');
    const mtimes = untouched.map((p) => fs.statSync(path.join(dir, p)).mtimeMs);

    const fixed = ztlintIn(dir, '--fix', '--format', 'json', '.');
    assert.match(fixed.stderr, /^ztlint: applied \d+ fixes in \d+ files$/m);
    const after = jsonFindings(fixed.stdout);
    assert.deepEqual(jsonFindings(ztlintIn(dir, '--format', 'json', '.').stdout), after, 'the report is a fresh scan of the fixed files');
    assert.equal(fixed.status, after.some((f) => f.severity === 'error') ? 1 : 0);

    // Every finding that had a safe fix is gone. (Fixes may change others: a secure parameter's default is then
    // reported as such rather than as a literal password, and a vault now on RBAC has no role assignment yet.)
    const key = (f: JsonFinding) => `${f.path} ${f.ruleId} ${f.message}`;
    assert.deepEqual(after.map(key).filter((k) => safe.map(key).includes(k)), []);
    // Nothing still carries a safe fix: a value that comes from the parameter file is fixed there.
    assert.match(fs.readFileSync(path.join(dir, 'examples/bicep/main.bicepparam'), 'utf8'), /^param enableRbac = true$/m);
    const results: { ruleId: string; fixes?: { properties: { safe: boolean } }[] }[] = JSON.parse(ztlintIn(dir, '--format', 'sarif', '.').stdout).runs[0].results;
    assert.deepEqual(results.filter((r) => r.fixes?.some((f) => f.properties.safe)).map((r) => r.ruleId), []);

    assert.deepEqual(untouched.map((p) => fs.statSync(path.join(dir, p)).mtimeMs), mtimes, 'files without safe fixes are not written');
    const again = ztlintIn(dir, '--fix-dry-run', '.');
    assert.deepEqual([again.status, again.stdout], [0, ''], 'nothing is left to fix');
  });

  it('--fix and --fix-dry-run edit the parameter file that supplies a value, and git apply of the patch is --fix', () => {
    const project = VAULTS_WITH_PARAMETER_FILES;
    const dryRun = tempDir(project);
    git(dryRun, 'init', '-q');
    git(dryRun, 'add', '.');
    git(dryRun, 'commit', '-qm', 'vaults');
    const original = snapshot(dryRun);
    const before = jsonFindings(ztlintIn(dryRun, '--format', 'json', '.').stdout).filter((f) => f.ruleId === 'keyvault-rbac-disabled');
    assert.deepEqual(before.map((f) => [f.path, f.fix?.safe]), [['arm/vault.json', true], ['bicep/vault.bicep', true]]);
    const run = ztlintIn(dryRun, '--fix-dry-run', '.');
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual([...run.stdout.matchAll(/^--- a\/(.*)$/gm)].map((m) => m[1]), ['arm/vault.parameters.json', 'bicep/vault.bicepparam']);
    assert.ok(run.stdout.endsWith("@@ -1,3 +1,3 @@\n using './vault.bicep'\n \n-param enableRbac = false\n+param enableRbac = true\n"), run.stdout);
    assert.match(run.stdout, /^-      "value": false\n\+      "value": true$/m);
    assert.deepEqual(snapshot(dryRun), original, 'nothing changed');

    const fixed = tempDir(project);
    assert.match(ztlintIn(fixed, '--fix', '.').stderr, /^ztlint: applied \d+ fixes in 2 files$/m);
    assert.equal((JSON.parse(fs.readFileSync(path.join(fixed, 'arm/vault.parameters.json'), 'utf8')) as { parameters: { enableRbac: { value: unknown } } }).parameters.enableRbac.value, true);
    assert.match(fs.readFileSync(path.join(fixed, 'bicep/vault.bicep'), 'utf8'), /^param enableRbac bool$/m, 'the template still takes the value from outside');
    assert.deepEqual(jsonFindings(ztlintIn(fixed, '--format', 'json', '.').stdout).filter((f) => f.ruleId === 'keyvault-rbac-disabled'), []);

    fs.writeFileSync(path.join(dryRun, 'fixes.patch'), run.stdout);
    git(dryRun, 'apply', 'fixes.patch');
    fs.rmSync(path.join(dryRun, 'fixes.patch'));
    assert.deepEqual(snapshot(dryRun), snapshot(fixed));
  });

  it('--fix-dry-run masks the secrets the findings detected, and is otherwise the patch of what --fix writes', () => {
    const dryRun = examplesCopy();
    git(dryRun, 'init', '-q');
    git(dryRun, 'add', '.');
    git(dryRun, 'commit', '-qm', 'examples');
    const run = ztlintIn(dryRun, '--fix-dry-run', '.');
    assert.equal(run.status, 1, run.stderr);
    // The fake secrets of the examples that the fixes' hunks show, and how the findings mask them.
    const secrets = { 'P@ssw0rd-EXAMPLE-NOT-REAL': "'P@s…' (25 characters)", 'Example-Only-Not-A-Secret-1': "'Exa…' (27 characters)" };
    for (const [secret, mask] of Object.entries(secrets)) {
      assert.ok(!run.stdout.includes(secret), `${secret.slice(0, 3)}… is masked`);
      assert.ok(run.stdout.includes(mask), run.stdout);
    }
    assert.match(run.stderr, /^ztlint: detected secrets are masked on 2 lines of the diff; git apply refuses the hunks that hold them$/m);

    const fixed = examplesCopy();
    ztlintIn(fixed, '--fix', '.');
    const unmasked = Object.entries(secrets).reduce((patch, [secret, mask]) => patch.replaceAll(mask, secret), run.stdout);
    fs.writeFileSync(path.join(dryRun, 'fixes.patch'), unmasked);
    git(dryRun, 'apply', 'fixes.patch');
    fs.rmSync(path.join(dryRun, 'fixes.patch'));
    assert.deepEqual(snapshot(dryRun), snapshot(fixed));
  });

  it('keeps a byte order mark and CRLF line endings', () => {
    const dir = tempDir({ 'storage.bicep': '\ufeff' + WEAK_STORAGE.replace(/\n/g, '\r\n') });
    const run = ztlintIn(dir, '--fix', 'storage.bicep');
    assert.match(run.stderr, /applied 1 fix in 1 file/);
    const text = fs.readFileSync(path.join(dir, 'storage.bicep'), 'utf8');
    assert.ok(text.startsWith('\ufeff'));
    assert.ok(text.includes("minimumTlsVersion: 'TLS1_2'\r\n"));
    assert.doesNotMatch(text, /[^\r]\n/, 'every line break is CRLF');
  });
});
