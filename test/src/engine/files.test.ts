import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles } from 'ztlint/engine/files';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-files-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('listing files', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('tells the count of files found as it grows, once per file, a file named twice counted once', () => {
    const dir = folder({ 'a.bicep': '', 'b/c.json': '{}', 'b/d.yaml': 'a: 1', 'b/notes.txt': '' });
    dirs.push(dir);
    const counts: number[] = [];
    const listing = listFiles([dir, path.join(dir, 'a.bicep')], {}, (count) => counts.push(count));
    assert.equal(listing.files.length, 3);
    assert.deepEqual(counts, [1, 2, 3]);
  });

  it('reads a folder\'s .gitignore only where there is one, and takes a folder named .gitignore for none', () => {
    const dir = folder({ '.gitignore': 'skipped/\n', 'skipped/x.bicep': '', 'kept/.gitignore/y.bicep': '', 'kept/z.bicep': '' });
    dirs.push(dir);
    const found = listFiles([dir]).files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
    assert.deepEqual(found, ['kept/.gitignore/y.bicep', 'kept/z.bicep']);
  });
});
