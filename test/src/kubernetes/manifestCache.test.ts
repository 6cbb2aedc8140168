import * as assert from 'node:assert/strict';
import { loadKubernetes, type KubernetesLoad } from 'ztlint/kubernetes/index';
import { ManifestCache } from 'ztlint/kubernetes/manifestCache';
import { corpusFiles } from '../support/corpus';

/** What a load is, compared as data: the reader of the whole text is the reference. */
const asData = (load: KubernetesLoad) => JSON.stringify([load.objects, load.diagnostics, load.comments, load.isKubernetes, load.helmTemplate]);

/** Edits as typed: a character in the middle, one in the first document, a document separator removed. */
function edits(text: string): string[] {
  const middle = Math.floor(text.length / 2);
  const separator = text.indexOf('\n---', 1);
  return [
    `${text.slice(0, middle)}x${text.slice(middle)}`,
    `${text.slice(0, 20)}#${text.slice(20)}`,
    ...(separator > 0 ? [text.slice(0, separator) + text.slice(separator + 4)] : []),
  ];
}

describe('kubernetes manifest cache (re-reading only the documents an edit changed)', () => {
  it('reads every multi-document corpus manifest, and each edit of it, exactly as a read of the whole text', () => {
    const differ: string[] = [];
    const manifests = corpusFiles('k8s').filter((f) => f.text.includes('\n---'));
    assert.ok(manifests.length > 0, 'the corpus has multi-document manifests to compare');
    for (const file of manifests) {
      const cache = new ManifestCache();
      for (const text of [file.text, ...edits(file.text)]) if (asData(cache.load(text)) !== asData(loadKubernetes(text))) differ.push(file.path);
    }
    assert.deepEqual(differ, []);
  });

  it('keeps the documents an edit did not touch, and moves the ones after it', () => {
    const documents = ['a', 'b', 'c'].map((name) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`);
    const cache = new ManifestCache();
    const before = cache.load(documents.join('---\n'));
    const edited = [documents[0], documents[1].replace('name: b', 'name: bb'), documents[2]].join('---\n');
    const after = cache.load(edited);
    assert.equal(after.objects[0], before.objects[0], 'the document before the edit is the same object');
    assert.equal(after.objects[1].name, 'bb');
    assert.deepEqual(after.objects[2].range, { start: before.objects[2].range.start + 1, end: before.objects[2].range.end + 1 });
    assert.equal(asData(after), asData(loadKubernetes(edited)));
  });

  it('reads on from a document with errors as a whole read does: an unclosed quote or flow map runs past the next ---', () => {
    const account = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`;
    const clean = [account('a'), account('b'), account('c')].join('---\n');
    for (const broken of [clean.replace('name: b', 'name: "b'), clean.replace('name: b', 'name: {b'), clean.replace('name: b\n', 'name: b\n  # a comment\n    bad: [\n')]) {
      const cache = new ManifestCache();
      cache.load(clean);
      const whole = loadKubernetes(broken);
      assert.ok(whole.diagnostics.length > 0, 'the broken version has errors');
      assert.equal(asData(cache.load(broken)), asData(whole));
    }
  });

  it('does not cut at a --- after a lone carriage return, which the yaml package does not take for a line break', () => {
    // To the yaml package this is one document, whose keys repeat; cut at the ---, two valid ones.
    const account = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}`;
    const text = `${account('a')}\r---\n${account('b')}\n`;
    const whole = loadKubernetes(text);
    assert.ok(whole.diagnostics.length > 0, 'a read of the whole text finds the repeated keys');
    const cache = new ManifestCache();
    cache.load(text.replace('name: b', 'name: c'));
    assert.equal(asData(cache.load(text)), asData(whole));
  });

  it('reads the whole text when the documents together would overrun the alias budget one read of the file has', () => {
    // Each document alone stays within its budget (100,000 nodes at least); three together do not.
    const list = Array.from({ length: 1000 }, (_, i) => `    - ${i}`).join('\n');
    const document = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\nanchor: &big\n${list}\ndata:\n${Array.from({ length: 60 }, (_, i) => `  k${i}: *big`).join('\n')}\n`;
    const text = ['a', 'b', 'c'].map(document).join('---\n');
    const whole = loadKubernetes(text);
    assert.ok(whole.diagnostics.length > 0, 'a read of the whole file refuses some aliases');
    assert.equal(asData(new ManifestCache().load(text)), asData(whole));
  });
});
