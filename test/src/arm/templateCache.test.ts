import * as assert from 'node:assert/strict';
import { loadArm, readArm, type ArmLoad } from 'ztlint/arm/index';
import { TemplateCache } from 'ztlint/arm/templateCache';
import type { Resource } from 'ztlint/model/template';
import { corpusFiles, isInvalid } from '../support/corpus';
import { graphDifference, sharedObjects } from '../support/graph';

/** How a load differs, as data, from a read of the whole text, the reference; undefined when it does not. */
const differenceFromWhole = (load: ArmLoad, text: string) => {
  const whole = loadArm(text);
  return graphDifference([load.kind, load.template, load.diagnostics, load.comments], [whole.kind, whole.template, whole.diagnostics, whole.comments]);
};

/** A seeded generator: the same edits on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const KEYSTROKES = ['x', '', '"', ',', '{', '}', '[', ']', ':', ' ', '\n', "[concat('a', ", ')]', '//', '/*'];

/**
 * Successive versions of a template as typed: a character inserted, removed or replaced in a quoted word (the
 * template stays valid), or a keystroke anywhere (most break the syntax, and later ones mend some of it).
 */
function* versions(text: string, count: number, next: () => number): Generator<string> {
  for (let i = 0; i < count; i++) {
    const words = [...text.matchAll(/"([A-Za-z][A-Za-z0-9-]{2,})"/g)];
    if (words.length > 0 && next() < 0.7) {
      const word = words[Math.floor(next() * words.length)];
      const at = word.index + 2;
      const step = i % 3;
      text = text.slice(0, at) + (step === 1 ? '' : step === 0 ? 'x' : 'q') + text.slice(step === 0 ? at : at + 1);
    } else {
      const at = Math.floor(next() * text.length);
      const removed = next() < 0.5 ? Math.floor(next() * 3) : 0;
      text = text.slice(0, at) + KEYSTROKES[Math.floor(next() * KEYSTROKES.length)] + text.slice(at + removed);
    }
    yield text;
  }
}

const templates = () => corpusFiles('arm').filter((f) => !isInvalid(f) && loadArm(f.text).kind === 'template');

/** Every `step`-th template by size, so that small and the largest ones are both in. */
function spreadBySize<T extends { readonly bytes: number }>(files: readonly T[], count: number): T[] {
  const sorted = [...files].sort((a, b) => a.bytes - b.bytes);
  const step = Math.max(1, Math.floor(sorted.length / count));
  return sorted.filter((_, i) => i % step === 0 || i === sorted.length - 1);
}

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // the vault first
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv-orders",
      "properties": { "tenantId": "[subscription().tenantId]", "enableRbacAuthorization": false /* for now */ }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "[concat('st', uniqueString(resourceGroup().id))]",
      "properties": { "minimumTlsVersion": "TLS1_2" }
    }
  ]
  // the end
}`;

const edited = (text: string, find: string, replace: string) => {
  assert.ok(text.includes(find), `the fixture has ${find}`);
  return text.replace(find, replace);
};

describe('ARM template cache (re-reading only the object an edit falls in)', () => {
  it('reads each edited version of corpus templates exactly as a read of the whole text', () => {
    const differ: string[] = [];
    const next = generator(20261124);
    let compared = 0;
    for (const file of spreadBySize(templates(), 40)) {
      const cache = new TemplateCache();
      cache.load(file.text);
      for (const text of versions(file.text, 15, next)) {
        compared++;
        const difference = differenceFromWhole(cache.load(text), text);
        if (difference !== undefined) {
          differ.push(`${file.path}: ${difference}`);
          break;
        }
      }
    }
    assert.deepEqual(differ, []);
    assert.ok(compared >= 600, `${compared} versions compared`);
  });

  it('keeps the objects an edit did not touch, and moves the ranges after it', () => {
    const cache = new TemplateCache();
    const before = cache.load(TEMPLATE).template!;
    const [vault, storage] = before.resources;
    const [vaultStart, storageStart] = [vault.range.start, storage.range.start];
    const text = edited(TEMPLATE, '"TLS1_2"', '"TLS1_0"');
    const after = cache.load(text);
    assert.equal(after.template!.resources[0].body, vault.body, 'the vault before the edit is the same tree');
    assert.equal(after.template!.resources[1].body, storage.body, 'the storage account holds the edit: only its properties were read again');
    assert.equal(differenceFromWhole(after, text), undefined);

    const longer = edited(text, '"kv-orders"', '"kv-orders-prod"');
    const moved = cache.load(longer);
    assert.equal(moved.template!.resources[1].body, storage.body, 'the storage account after the edit is the same tree');
    assert.deepEqual(
      moved.template!.resources.map((r) => r.range.start),
      [vaultStart, storageStart + '-prod'.length],
    );
    assert.equal(differenceFromWhole(moved, longer), undefined);
  });

  it('changes a key or a plain string in place, keeping the tree, unless it changes how the file or its object reads', () => {
    const cache = new TemplateCache();
    const before = cache.load(TEMPLATE).template!;
    let text = TEMPLATE;
    for (const [find, replace] of [
      ['"contentVersion": "1.0.0.0"', '"contentVersion": "1.0.0.10"'],
      ['"apiVersion": "2023-07-01"', '"apiVersxion": "2023-07-01"'],
      ['"minimumTlsVersion"', '"minimumTlsVersin"'],
    ]) {
      text = edited(text, find, replace);
      const load = cache.load(text);
      assert.equal(load.template!.resources[1].body, before.resources[1].body, `the storage account is the same tree after ${replace}`);
      assert.equal(differenceFromWhole(load, text), undefined);
    }
    const notTemplate = edited(text, 'deploymentTemplate.json#', 'deploymentTemplat.json#');
    assert.equal(cache.load(notTemplate).kind, 'not-arm');
    const copyKey = edited(TEMPLATE, '"minimumTlsVersion": "TLS1_2"', '"copy": [{ "name": "tags", "count": 2, "input": "x" }], "cop": "y"');
    for (const text of [copyKey, edited(copyKey, '"cop"', '"copy2"'), edited(copyKey, '"name": "tags"', '"name": "tagz"')]) assert.equal(differenceFromWhole(cache.load(text), text), undefined);
  });

  it('reads the whole text when an edit reaches the root object or breaks the syntax, and goes on from the next clean version', () => {
    const cache = new TemplateCache();
    cache.load(TEMPLATE);
    const schema = edited(TEMPLATE, '"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.1", "x": 1,');
    const broken = edited(schema, '"TLS1_2" }', '"TLS1_2" ');
    const mended = edited(broken, '"TLS1_2" ', '"TLS1_3" }');
    const expression = edited(mended, "uniqueString(resourceGroup().id))]", "uniqueString(resourceGroup().id)]");
    for (const text of [schema, broken, mended, expression, TEMPLATE]) assert.equal(differenceFromWhole(cache.load(text), text), undefined);
    assert.ok(loadArm(broken).diagnostics.length > 0 && loadArm(expression).diagnostics.length > 0, 'two of the versions have errors');
  });

  it('puts the comments before, inside and after the edited object where a whole read does', () => {
    const cache = new TemplateCache();
    cache.load(TEMPLATE);
    const withComment = edited(TEMPLATE, '"enableRbacAuthorization": false /* for now */', '"enableRbacAuthorization": true // done\n');
    const load = cache.load(withComment);
    assert.deepEqual(
      load.comments.map((c) => c.text.trim()),
      ['the vault first', 'done', 'the end'],
    );
    assert.equal(differenceFromWhole(load, withComment), undefined);
  });

  it('gives every node of a template tree objects of its own, which moving the tree in place relies on', () => {
    const shared: string[] = [];
    for (const file of templates()) {
      const { root } = readArm(file.text);
      if (root && sharedObjects(root, () => true).length > 0) shared.push(file.path);
    }
    assert.deepEqual(shared, []);
  });

  it('reads a resource the edit turned into another type as a whole read does', () => {
    const cache = new TemplateCache();
    cache.load(TEMPLATE);
    const text = edited(TEMPLATE, '"Microsoft.Storage/storageAccounts"', '"Microsoft.KeyVault/vaults"');
    const load = cache.load(text);
    assert.deepEqual(load.template!.resources.map((r: Resource) => r.type), ['Microsoft.KeyVault/vaults', 'Microsoft.KeyVault/vaults']);
    assert.equal(differenceFromWhole(load, text), undefined);
  });
});
