import * as assert from 'node:assert/strict';
import { loadKubernetes } from 'ztlint/kubernetes/index';
import { toJson } from 'ztlint/model/value';

const NAMESPACE = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

describe('kubernetes YAML robustness', () => {
  it('reports YAML syntax errors precisely and still loads the valid documents', () => {
    const broken = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b: c\n  - x\n';
    const text = `${NAMESPACE('one')}---\n${broken}---\n${NAMESPACE('three')}`;
    const load = loadKubernetes(text);
    assert.deepEqual(
      load.objects.map((o) => [o.name, o.documentIndex]),
      [
        ['one', 0],
        ['three', 2],
      ],
    );
    const errors = load.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errors.length > 0);
    const brokenStart = text.indexOf(broken);
    for (const error of errors) {
      assert.equal(error.code, 'yaml-syntax');
      assert.match(error.message, /^YAML: /);
      assert.ok(error.range.start >= brokenStart && error.range.end <= brokenStart + broken.length, error.message);
      assert.ok(error.range.end > error.range.start);
    }
  });

  it('names tokens by their characters in messages', () => {
    const load = loadKubernetes('a: 1\n}\n');
    assert.ok(load.diagnostics.length > 0);
    for (const d of load.diagnostics) assert.doesNotMatch(d.message, /flow-map-end/);
    assert.ok(load.diagnostics.some((d) => d.message.includes('`}`')), JSON.stringify(load.diagnostics));
  });

  it('stops alias expansion ("billion laughs") with one diagnostic', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const load = loadKubernetes(text);
    assert.equal(load.objects.length, 1);
    const limits = load.diagnostics.filter((d) => d.code === 'yaml-alias-limit');
    assert.equal(limits.length, 1);
    assert.equal(limits[0].severity, 'warning');
    assert.equal(text.slice(limits[0].range.start, limits[0].range.end).startsWith('*'), true);
    // the tree handed to rules stays walkable: expanded nodes within the budget
    const data = load.objects[0].value.properties.find((p) => p.key === 'data')!.value;
    assert.equal(toJson(data), undefined, 'some aliases are unknown');
    let nodes = 0;
    const walk = (v: typeof data): void => {
      nodes++;
      if (v.kind === 'array') v.items.forEach(walk);
      else if (v.kind === 'object') v.properties.forEach((p) => walk(p.value));
    };
    walk(data);
    assert.ok(nodes < 1_000_000, `${nodes} nodes`);
  });

  it('keeps ordinary alias reuse', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: &x [1, 2]\n  b: *x\n  c: *x\n';
    const load = loadKubernetes(text);
    assert.deepEqual(load.diagnostics, []);
    assert.deepEqual(toJson(load.objects[0].value.properties[2].value), { a: [1, 2], b: [1, 2], c: [1, 2] });
  });

  for (const [shape, deep] of [
    ['flow sequences', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow mappings', `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['unclosed flow sequences', `a: ${'['.repeat(10_000)}\n`],
  ]) {
    it(`skips the document of 10,000-deep ${shape} with a diagnostic`, () => {
      const text = `${NAMESPACE('before')}---\n${deep}---\n${NAMESPACE('after')}`;
      const load = loadKubernetes(text);
      assert.deepEqual(
        load.objects.map((o) => [o.name, o.documentIndex]),
        [
          ['before', 0],
          ['after', 2],
        ],
      );
      assert.deepEqual(
        load.diagnostics.map((d) => [d.code, d.severity]),
        [['yaml-depth-limit', 'warning']],
      );
    });
  }

  for (const [shape, deep] of [
    ['block sequences', `${'- '.repeat(10_000)}x\n`],
    ['block mappings', Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  ]) {
    it(`refuses a file with 10,000-deep ${shape} before parsing`, () => {
      const text = `${NAMESPACE('before')}---\n${deep}\n---\n${NAMESPACE('after')}`;
      const load = loadKubernetes(text);
      assert.deepEqual(load.objects, []);
      assert.deepEqual(
        load.diagnostics.map((d) => [d.code, d.severity]),
        [['yaml-depth-limit', 'warning']],
      );
    });
  }

  it('accepts nesting well within the limit', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: ${'['.repeat(200)}${']'.repeat(200)}\n  b:\n${'    - '.repeat(20)}x\n`;
    const load = loadKubernetes(text);
    assert.deepEqual(load.diagnostics, []);
    assert.equal(load.objects.length, 1);
  });

  it('never throws on odd input', () => {
    for (const text of ['\0', '---\n---\n', '%YAML 1.1\n---\na: 1\n', '&a *a', '!!binary aGk=', ': :', '"', '\t- x', '? ? ?']) {
      const load = loadKubernetes(text);
      assert.equal(load.isKubernetes, false, JSON.stringify(text));
    }
  });
});
