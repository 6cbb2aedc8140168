import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unifiedDiff } from 'ztlint/cli/diff';
import { fixPatch } from 'ztlint/cli/fixPatch';
import type { Finding } from 'ztlint/lint/finding';
import { tempDir } from './helpers';

describe('unified diff', () => {
  it('writes diff -u hunks: three lines of context, merged when their context meets', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q'].map((l) => `${l}\n`).join('');
    const after = before.replace('b\n', 'B\n').replace('h\n', 'h\nH\n').replace('q\n', '');
    assert.equal(
      unifiedDiff('a/f', 'b/f', before, after),
      ['--- a/f', '+++ b/f', '@@ -1,11 +1,12 @@', ' a', '-b', '+B', ' c', ' d', ' e', ' f', ' g', ' h', '+H', ' i', ' j', ' k', '@@ -14,4 +15,3 @@', ' n', ' o', ' p', '-q', ''].join('\n'),
    );
    assert.equal(unifiedDiff('a/f', 'b/f', before, before), '');
  });

  it('marks a missing newline at the end of the file and keeps CRLF', () => {
    assert.equal(unifiedDiff('a/f', 'b/f', 'x\r\ny', 'x\r\nz\n'), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n x\r\n-y\n\\ No newline at end of file\n+z\n');
    assert.equal(unifiedDiff('a/f', 'b/f', '', 'new\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+new\n');
  });

  it('makes patches that git apply accepts, for random edits', () => {
    const dir = tempDir();
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    let applied = 0;
    for (let round = 0; round < 60; round++) {
      const lines = Array.from({ length: random(40) }, () => `line ${random(6)}`);
      const edited = [...lines];
      for (let edit = random(6); edit > 0; edit--) {
        const at = random(edited.length + 1);
        if (random(2) === 0) edited.splice(at, 1);
        else edited.splice(at, 0, `new ${round}.${edit}`);
      }
      const before = lines.join('\n') + (random(4) === 0 ? '' : '\n');
      const after = edited.join('\n') + (random(4) === 0 ? '' : '\n');
      fs.writeFileSync(path.join(dir, 'f'), before);
      fs.writeFileSync(path.join(dir, 'p.diff'), unifiedDiff('a/f', 'b/f', before, after));
      if (before === after) continue;
      const gitApply = spawnSync('git', ['apply', '--unsafe-paths', 'p.diff'], { cwd: dir, encoding: 'utf8' });
      assert.equal(gitApply.status, 0, `${JSON.stringify(before)} -> ${JSON.stringify(after)}: ${gitApply.stderr}`);
      assert.equal(fs.readFileSync(path.join(dir, 'f'), 'utf8'), after);
      applied++;
    }
    assert.ok(applied >= 30, `only ${applied} of the 60 rounds changed the file`);
  });

  it('masks every line of a detected secret, a multi-line one line by line, and counts the lines', () => {
    const key = 'FAKE-KEY-LINE-ONE-0000\nFAKE-KEY-LINE-TWO-0000';
    const before = `kind: Secret\nstringData:\n  key: |\n    ${key.replace('\n', '\n    ')}\n  user: app\n`;
    const finding: Finding = { ruleId: 'secrets-kubernetes-secret-manifest', severity: 'warning', message: 'm', range: { start: 0, end: 4 }, related: [], secrets: [key] };
    const patch = fixPatch([{ path: '/w/s.yaml', before, after: before.replace('user: app', 'user: svc'), applied: 1 }], [finding], (p) => p.slice(3));
    assert.equal(patch.maskedLines, 2);
    assert.ok(!patch.text.includes('FAKE-KEY'), patch.text);
    assert.match(patch.text, /^ {5}'FAK…' \(22 characters\)\n {5}'FAK…' \(22 characters\)\n-  user: app\n\+  user: svc\n$/m);
  });
});
