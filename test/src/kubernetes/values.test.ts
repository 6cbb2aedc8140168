import * as assert from 'node:assert/strict';
import { loadKubernetes } from 'ztlint/kubernetes/index';
import { toJson, type ObjectValue, type Value } from 'ztlint/model/value';
import type { Range } from 'ztlint/text/range';

const HEADER = 'apiVersion: v1\nkind: ConfigMap\n';

function objectOf(text: string): ObjectValue {
  const load = loadKubernetes(text);
  assert.equal(load.objects.length, 1, JSON.stringify(load.diagnostics));
  return load.objects[0].value;
}

function get(value: Value, ...path: (string | number)[]): Value {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      assert.equal(current.kind, 'array');
      current = current.items[step];
    } else {
      assert.equal(current.kind, 'object');
      const property = current.properties.find((p) => p.key === step);
      assert.ok(property, `no property ${step}`);
      current = property.value;
    }
  }
  return current;
}

function slice(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}

describe('kubernetes YAML values', () => {
  it('resolves scalars as Kubernetes (YAML 1.1, go-yaml v2) does', () => {
    const text = `${HEADER}data:
  yes: yes
  b: [yes, No, on, OFF, y, n, true, "yes", 'on']
  octal: 0644
  hex: 0x1F
  int: 1_000
  float: 1.5e3
  inf: .inf
  nul: [~, null, ]
  time: 12:30
  date: 2001-12-14
  str: !!str 42
`;
    const data = get(objectOf(text), 'data');
    assert.deepEqual(toJson(data), {
      yes: true,
      b: [true, false, true, false, true, false, true, 'yes', 'on'],
      octal: 420,
      hex: 31,
      int: 1000,
      float: 1500,
      inf: Infinity,
      nul: [null, null],
      time: '12:30',
      date: '2001-12-14',
      str: '42',
    });
    assert.deepEqual(data.kind === 'object' && data.properties.map((p) => p.key), [
      'yes', 'b', 'octal', 'hex', 'int', 'float', 'inf', 'nul', 'time', 'date', 'str',
    ]);
  });

  it('keeps ranges of keys, entries and values, and marks literal strings', () => {
    const text = `${HEADER}metadata:
  name:   web # trailing
  labels: {app: "my app", tier: 'it''s'}
data:
  script: |
    echo hi
  folded: >-
    a
    b
  multi: one
    two
  escaped: "tab\\there"
`;
    const root = objectOf(text);
    assert.equal(slice(text, root.range).trimEnd(), text.trimEnd());
    const metadata = get(root, 'metadata');
    assert.equal(metadata.kind, 'object');
    const name = metadata.properties[0];
    assert.equal(slice(text, name.keyRange), 'name');
    assert.equal(slice(text, name.range), 'name:   web');
    assert.equal(slice(text, name.value.range), 'web');
    assert.deepEqual(name.value, { kind: 'string', value: 'web', literal: true, range: name.value.range, via: [] });
    assert.equal(slice(text, get(root, 'metadata', 'labels').range), `{app: "my app", tier: 'it''s'}`);
    const app = get(root, 'metadata', 'labels', 'app');
    assert.equal(slice(text, app.range), '"my app"');
    assert.equal(app.kind === 'string' && app.literal, true);
    const tier = get(root, 'metadata', 'labels', 'tier');
    assert.deepEqual(tier.kind === 'string' && [tier.value, tier.literal], ["it's", false]);
    for (const [key, value] of [
      ['script', 'echo hi\n'],
      ['folded', 'a b'],
      ['multi', 'one two'],
      ['escaped', 'tab\there'],
    ]) {
      const v = get(root, 'data', key);
      assert.deepEqual(v.kind === 'string' && [v.value, v.literal], [value, false], key);
    }
    assert.ok(slice(text, get(root, 'data', 'script').range).startsWith('|\n    echo hi'));
  });

  it('reads CRLF files with the same values and exact ranges', () => {
    const lf = `${HEADER}# note\nmetadata:\n  name: web\ndata:\n  script: |\n    a\n    b\n  k: v # c\n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const load = loadKubernetes(crlf);
    assert.deepEqual(load.diagnostics, []);
    const root = load.objects[0].value;
    assert.deepEqual(toJson(root), toJson(objectOf(lf)));
    assert.equal(slice(crlf, get(root, 'metadata', 'name').range), 'web');
    assert.equal(slice(crlf, get(root, 'data', 'k').range), 'v');
    assert.deepEqual(
      load.comments.map((c) => [c.text, slice(crlf, c.range)]),
      [
        [' note', '# note'],
        [' c', '# c'],
      ],
    );
  });

  it('collects comments everywhere but inside strings, in source order', () => {
    const text = [
      '# ztlint-disable-next-line rule-a -- reason',
      'apiVersion: v1 # after a value',
      'kind: ConfigMap',
      'data:',
      '  # before a key',
      '  a: "# not a comment"',
      '  b: |',
      '    # not a comment either',
      '  c: [x, # in a flow sequence',
      '      y]',
      '  d: value#not',
      '---',
      '#no space',
      '',
    ].join('\n');
    const load = loadKubernetes(text);
    assert.deepEqual(load.diagnostics, []);
    assert.deepEqual(
      load.comments.map((c) => c.text),
      [' ztlint-disable-next-line rule-a -- reason', ' after a value', ' before a key', ' in a flow sequence', 'no space'],
    );
    for (const comment of load.comments) assert.equal(slice(text, comment.range), `#${comment.text}`);
  });

  it('applies merge keys, explicit keys winning, and shares aliased values', () => {
    const text = `${HEADER}data:
  base: &base {a: 1, b: 2}
  more: &more {c: 3, a: 9}
  merged:
    <<: [*base, *more]
    b: 20
  alias: *base
`;
    const data = get(objectOf(text), 'data');
    assert.deepEqual(toJson(get(data, 'merged')), { b: 20, a: 1, c: 3 });
    const alias = get(data, 'alias');
    assert.equal(alias, get(data, 'base'));
    assert.equal(slice(text, alias.range), '{a: 1, b: 2}');
    const entry = data.kind === 'object' ? data.properties.find((p) => p.key === 'alias') : undefined;
    assert.equal(slice(text, entry!.range), 'alias: *base');
  });

  it('reports a duplicate key and keeps the last value', () => {
    const text = `${HEADER}metadata:\n  name: first\n  name: second\n`;
    const load = loadKubernetes(text);
    assert.equal(load.objects[0].name, 'second');
    assert.equal(load.diagnostics.length, 1);
    const [diagnostic] = load.diagnostics;
    assert.equal(diagnostic.code, 'yaml-duplicate-key');
    assert.equal(diagnostic.severity, 'error');
    assert.equal(text.slice(diagnostic.range.start, diagnostic.range.end + 8), 'name: second');
  });

  it('skips entries whose key is not a scalar, with a warning', () => {
    const text = `${HEADER}data:\n  ? [a, b]\n  : c\n  ok: yes\n`;
    const load = loadKubernetes(text);
    assert.deepEqual(toJson(get(load.objects[0].value, 'data')), { ok: true });
    assert.deepEqual(
      load.diagnostics.map((d) => [d.code, d.severity, slice(text, d.range)]),
      [['yaml-unsupported-key', 'warning', '[a, b]']],
    );
  });

  it('makes an alias without anchor unknown and reports it', () => {
    const text = `${HEADER}data:\n  a: *nowhere\n`;
    const load = loadKubernetes(text);
    const a = get(load.objects[0].value, 'data', 'a');
    assert.equal(a.kind, 'unknown');
    assert.deepEqual(load.diagnostics.map((d) => [d.severity, slice(text, d.range)]), [['error', '*nowhere']]);
  });
});
