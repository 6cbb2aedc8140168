import * as assert from 'node:assert/strict';
import { findHelmAction } from 'ztlint/kubernetes/helm';
import { loadKubernetes } from 'ztlint/kubernetes/index';

function assertHelm(text: string, action: string): void {
  const load = loadKubernetes(text);
  assert.equal(load.helmTemplate, true, text);
  assert.deepEqual(load.objects, []);
  assert.equal(load.diagnostics.length, 1);
  const [diagnostic] = load.diagnostics;
  assert.equal(diagnostic.code, 'helm-template-skipped');
  assert.equal(diagnostic.severity, 'info');
  assert.match(diagnostic.message, /helm template/);
  assert.equal(text.slice(diagnostic.range.start, diagnostic.range.end), action);
}

function assertNotHelm(text: string): void {
  const load = loadKubernetes(text);
  assert.equal(load.helmTemplate, false, text);
  assert.equal(load.isKubernetes, true, text);
  assert.deepEqual(
    load.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
}

describe('helm template detection', () => {
  const templates: [string, string, string][] = [
    [
      'a control action on its own line',
      '{{- if .Values.enabled }}\napiVersion: v1\nkind: ServiceAccount\n{{- end }}\n',
      '{{- if .Values.enabled }}',
    ],
    [
      'an include as a whole value',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ include "app.fullname" . }}\n',
      '{{ include "app.fullname" . }}',
    ],
    [
      'a field as a whole value',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: {{ .Values.replicaCount }}\n',
      '{{ .Values.replicaCount }}',
    ],
    [
      'a variable as a whole value',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ $fullName }}\n',
      '{{ $fullName }}',
    ],
    [
      'a template comment',
      '{{/* a comment */}}\napiVersion: v1\nkind: ConfigMap\n',
      '{{/* a comment */}}',
    ],
    [
      'an indented include of labels',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: x\n    {{- include "labels" . | nindent 4 }}\n',
      '{{- include "labels" . | nindent 4 }}',
    ],
    [
      'an action opened inside braces that are not one, before the same `}}`',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{{{ .Values.name }}\n',
      '{{ .Values.name }}',
    ],
    [
      'an action after a placeholder',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{replicas}}\n  b: {{ .Values.b }}\n',
      '{{ .Values.b }}',
    ],
    [
      'an action of 1,000 characters',
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x" . ${'y'.repeat(984)} }}\n`,
      `{{ include "x" . ${'y'.repeat(984)} }}`,
    ],
    [
      'an action after a quoted one',
      'apiVersion: v1\nkind: Pod\nspec:\n  image: "{{ .Values.image }}"\n  tag: {{ .Chart.AppVersion }}\n',
      '{{ .Chart.AppVersion }}',
    ],
  ];
  for (const [what, text, action] of templates) {
    it(`skips a template with ${what}`, () => assertHelm(text, action));
  }

  it('skips a CRLF template', () => {
    const text = '{{- if .Values.enabled }}\r\napiVersion: v1\r\nkind: ServiceAccount\r\n{{- end }}\r\n';
    assertHelm(text, '{{- if .Values.enabled }}');
  });

  it('reads a chart template without any template action as the manifest it deploys', () => {
    assertNotHelm('apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: plain\n');
  });

  const manifests: [string, string][] = [
    [
      'a quoted annotation',
      'apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    a: "{{ .Values.x }}"\n    b: \'{{- include "x" . }}\'\n',
    ],
    [
      'a ConfigMap script in a block scalar',
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  tpl: |\n    {{- if .Values.x }}\n    {{ include "y" . }}\n    {{- end }}\n',
    ],
    ['a comment', '# name: {{ .Values.name }}\napiVersion: v1\nkind: ConfigMap\n'],
    [
      'Prometheus alert text in a plain scalar',
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - rules:\n        - annotations:\n            description: Pod {{ $labels.namespace }}/{{ $labels.pod }} has {{ printf "%.2f" $value }} restarts.\n',
    ],
    [
      'sed-style placeholders',
      'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: etcd-{{cell}}\nspec:\n  replicas: {{replicas}}\n',
    ],
    ['an empty flow mapping in a sequence', 'apiVersion: v1\nkind: NetworkPolicy\nspec:\n  ingress:\n  - {}\n'],
  ];
  for (const [what, text] of manifests) {
    it(`reads a manifest with {{ in ${what}`, () => assertNotHelm(text));
  }

  it('does not take a `}}` over 1,000 characters on to close an action', () => {
    assert.equal(loadKubernetes(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x" . ${'y'.repeat(985)} }}\n`).helmTemplate, false);
  });

  it('closes every `{{` before a `}}` with it: only the last of many is an action', () => {
    const text = `${'{{ '.repeat(5_000)}{{ .Values.x }}`;
    const starts = Array.from({ length: 5_001 }, (_, i) => i * 3);
    assert.deepEqual(findHelmAction(text, starts), { start: 15_000, end: text.length });
    assert.equal(findHelmAction('{{ .Values.x ', [0]), undefined);
  });
});
