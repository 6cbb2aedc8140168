import * as assert from 'node:assert/strict';
import { loadKubernetes } from 'ztlint/kubernetes/index';
import type { KubernetesObject } from 'ztlint/model/kubernetes';
import type { Value } from 'ztlint/model/value';
import type { Range } from 'ztlint/text/range';

const POD_SPEC = 'spec:\n  containers:\n    - name: app\n      image: nginx:1.27\n';

function indent(text: string, by: number): string {
  return text.replace(/^(?=.)/gm, ' '.repeat(by));
}

function only(text: string): KubernetesObject {
  const load = loadKubernetes(text);
  assert.deepEqual(load.diagnostics, []);
  assert.equal(load.objects.length, 1);
  return load.objects[0];
}

function property(value: Value, key: string): Value {
  assert.equal(value.kind, 'object');
  const found = value.properties.find((p) => p.key === key);
  assert.ok(found, `no property ${key}`);
  return found.value;
}

function slice(text: string, range: Range): string {
  return text.slice(range.start, range.end);
}

describe('kubernetes objects', () => {
  const workloads: { kind: string; apiVersion: string; wrap: (pod: string) => string; path: string[] }[] = [
    { kind: 'Pod', apiVersion: 'v1', wrap: (pod) => pod, path: [] },
    { kind: 'PodTemplate', apiVersion: 'v1', wrap: (pod) => `template:\n${indent(pod, 2)}`, path: ['template'] },
    ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].map((kind) => ({
      kind,
      apiVersion: 'apps/v1',
      wrap: (pod: string) => `spec:\n  template:\n${indent(pod, 4)}`,
      path: ['spec', 'template'],
    })),
    {
      kind: 'ReplicationController',
      apiVersion: 'v1',
      wrap: (pod) => `spec:\n  template:\n${indent(pod, 4)}`,
      path: ['spec', 'template'],
    },
    { kind: 'Job', apiVersion: 'batch/v1', wrap: (pod) => `spec:\n  template:\n${indent(pod, 4)}`, path: ['spec', 'template'] },
    {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      wrap: (pod) => `spec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(pod, 8)}`,
      path: ['spec', 'jobTemplate', 'spec', 'template'],
    },
    {
      kind: 'Rollout',
      apiVersion: 'argoproj.io/v1alpha1',
      wrap: (pod) => `spec:\n  template:\n${indent(pod, 4)}`,
      path: ['spec', 'template'],
    },
  ];
  for (const { kind, apiVersion, wrap, path } of workloads) {
    it(`finds the pod template of a ${kind} at [${path.join(', ')}]`, () => {
      const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: web\n  namespace: shop\n${wrap(POD_SPEC)}`;
      const object = only(text);
      assert.equal(object.kind, kind);
      assert.equal(object.apiVersion, apiVersion);
      assert.equal(object.name, 'web');
      assert.equal(object.namespace, 'shop');
      assert.deepEqual(object.podTemplate?.path, path);
      const containers = property(property(object.podTemplate!.value, 'spec'), 'containers');
      assert.equal(containers.kind, 'array');
      if (path.length === 0) assert.equal(object.podTemplate!.value, object.value);
    });
  }

  it('gives no pod template to other kinds, unknown groups or a missing template', () => {
    assert.equal(only('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n').podTemplate, undefined);
    assert.equal(only(`apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n${indent(POD_SPEC, 4)}`).podTemplate, undefined);
    assert.equal(only('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n').podTemplate, undefined);
  });

  it('leaves name and namespace out when they are not strings', () => {
    const object = only('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a]\n');
    assert.equal('name' in object, false);
    assert.equal('namespace' in object, false);
  });

  it('turns the items of a List (and of a *List kind) into objects', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: ServiceAccount',
      '    metadata: {name: a}',
      '  - just a string',
      '  - apiVersion: apps/v1',
      '    kind: Deployment',
      '    metadata: {name: b}',
      '    spec:',
      '      template:',
      indent(POD_SPEC, 8).trimEnd(),
      '---',
      'apiVersion: v1',
      'kind: ConfigMapList',
      'items:',
      '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}',
      '',
    ].join('\n');
    const load = loadKubernetes(text);
    assert.deepEqual(load.diagnostics, []);
    assert.deepEqual(
      load.objects.map((o) => [o.kind, o.name, o.documentIndex]),
      [
        ['ServiceAccount', 'a', 0],
        ['Deployment', 'b', 0],
        ['ConfigMap', 'c', 1],
      ],
    );
    assert.deepEqual(load.objects[1].podTemplate?.path, ['spec', 'template']);
    assert.ok(slice(text, load.objects[0].range).startsWith('apiVersion: v1\n    kind: ServiceAccount'));
    assert.equal(slice(text, load.objects[2].range), '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}');
  });

  it('numbers documents as written, counting empty ones', () => {
    const text = [
      '# leading comment',
      '---',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: one}',
      '---',
      '---',
      '# only a comment',
      '---',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: two}',
      '...',
      '---',
      'not: kubernetes',
      '',
    ].join('\n');
    const load = loadKubernetes(text);
    assert.deepEqual(load.diagnostics, []);
    assert.deepEqual(
      load.objects.map((o) => [o.name, o.documentIndex]),
      [
        ['one', 0],
        ['two', 3],
      ],
    );
    assert.equal(slice(text, load.objects[1].range).trimEnd(), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: two}');
  });

  it('reports YAML that holds no Kubernetes object as not Kubernetes', () => {
    for (const text of [
      'name: CI\non:\n  push:\n    branches: [main]\n',
      'apiVersion: 2\nkind: Deployment\n',
      'kind: Deployment\n',
      '- apiVersion: v1\n  kind: Pod\n',
      '',
      '# just a comment\n',
    ]) {
      const load = loadKubernetes(text);
      assert.equal(load.isKubernetes, false, text);
      assert.deepEqual(load.objects, []);
      assert.equal(load.helmTemplate, false);
    }
  });
});
