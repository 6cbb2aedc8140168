import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { examplesCopy, jsonFindings, tempDir, WEAK_STORAGE, ztlintIn, type JsonFinding } from './helpers';

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
    const before = jsonFindings(ztlintIn(dir, '--format', 'json', '.').stdout);
    const safe = before.filter((f) => f.fix?.safe);
    assert.ok(safe.length > 0);
    const untouched = [...new Set(before.map((f) => f.path))].filter((p) => !safe.some((f) => f.path === p)).concat('examples/bicep/main.bicepparam');
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
    // What still carries a safe fix is only what cannot be written in the file (a value from a parameter file):
    // the SARIF log describes a fix only where it can be written.
    const results: { ruleId: string; fixes?: { properties: { safe: boolean } }[] }[] = JSON.parse(ztlintIn(dir, '--format', 'sarif', '.').stdout).runs[0].results;
    assert.deepEqual(results.filter((r) => r.fixes?.some((f) => f.properties.safe)).map((r) => r.ruleId), []);

    assert.deepEqual(untouched.map((p) => fs.statSync(path.join(dir, p)).mtimeMs), mtimes, 'files without safe fixes are not written');
    const again = ztlintIn(dir, '--fix-dry-run', '.');
    assert.deepEqual([again.status, again.stdout], [0, ''], 'nothing is left to fix');
  });

  it('--fix-dry-run prints a patch that git apply turns into what --fix writes, and changes nothing', () => {
    const dryRun = examplesCopy();
    git(dryRun, 'init', '-q');
    git(dryRun, 'add', '.');
    git(dryRun, 'commit', '-qm', 'examples');
    const original = snapshot(dryRun);
    const run = ztlintIn(dryRun, '--fix-dry-run', '.');
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^--- a\/examples\/bicep\/main\.bicep\n\+\+\+ b\/examples\/bicep\/main\.bicep\n@@ -\d+,\d+ \+\d+,\d+ @@$/m);
    assert.deepEqual(snapshot(dryRun), original, 'nothing changed');

    const fixed = examplesCopy();
    ztlintIn(fixed, '--fix', '.');
    fs.writeFileSync(path.join(dryRun, 'fixes.patch'), run.stdout);
    git(dryRun, 'apply', '--check', 'fixes.patch');
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
