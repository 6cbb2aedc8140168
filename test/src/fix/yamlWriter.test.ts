import { newValues } from 'ztlint/fix/intent';
import { writerCases } from './writerCases';

/** A Deployment whose first container has `container` as its extra lines (at the container's key indentation). */
const deployment = (container: string, podSpec = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web # the app label
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: web
    spec:
${podSpec}      containers:
        - name: web
          image: registry.example/web:1.4.2
${container}`;

const CONTAINER = 'spec.template.spec.containers';

writerCases('YAML writer: replace-value', [
  {
    name: 'a plain boolean',
    file: 'app.yaml',
    text: deployment('          securityContext:\n            privileged: true\n'),
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', `${CONTAINER}.0.securityContext.privileged`), with: false }),
    fixed: deployment('          securityContext:\n            privileged: false\n'),
  },
  {
    name: 'a plain string by a string YAML 1.1 would read as a boolean, quoted',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  labels:\n    azure.workload.identity/use: disabled\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', ['metadata', 'labels', 'azure.workload.identity/use']), with: 'on' }),
    fixed: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  labels:\n    azure.workload.identity/use: "on"\n`,
    then: { selector: '#0', path: ['metadata', 'labels', 'azure.workload.identity/use'], is: 'on' },
  },
  {
    name: 'a single-quoted string, keeping its quotes',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: 'permissive'\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', 'data.mode'), with: "it's strict" }),
    fixed: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: 'it''s strict'\n`,
    then: { selector: '#0', path: 'data.mode', is: "it's strict" },
  },
  {
    name: 'a double-quoted string, keeping its quotes',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "permissive" # for now\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', 'data.mode'), with: 'strict' }),
    fixed: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "strict" # for now\n`,
  },
  {
    name: 'an octal number by a number, and a string that looks like one quoted',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  umask: keep\n  mode: 0777\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', 'data.umask'), with: '0644' }),
    fixed: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  umask: "0644"\n  mode: 0777\n`,
    then: { selector: '#0', path: 'data.umask', is: '0644' },
  },
  {
    name: 'a number in a flow mapping, in a CRLF file',
    file: 'app.yaml',
    text: deployment('          securityContext: {privileged: true, runAsUser: 0}\n').replace(/\n/g, '\r\n'),
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', `${CONTAINER}.0.securityContext.runAsUser`), with: 10001 }),
    fixed: deployment('          securityContext: {privileged: true, runAsUser: 10001}\n').replace(/\n/g, '\r\n'),
  },
  {
    name: 'a block mapping by a mapping, laid out the same way',
    file: 'app.yaml',
    text: deployment('          securityContext:\n            privileged: true # why\n          ports: []\n'),
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', `${CONTAINER}.0.securityContext`), with: { privileged: false, capabilities: { drop: ['ALL'] } } }),
    fixed: deployment('          securityContext:\n            privileged: false\n            capabilities:\n              drop:\n                - ALL\n          ports: []\n'),
    then: { selector: '#0', path: `${CONTAINER}.0.securityContext`, is: { privileged: false, capabilities: { drop: ['ALL'] } } },
  },
  {
    name: 'a block mapping by an empty one, on its key\'s line',
    file: 'app.yaml',
    text: deployment('          securityContext:\n            privileged: true\n'),
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', `${CONTAINER}.0.securityContext`), with: {} }),
    fixed: deployment('          securityContext: {}\n'),
  },
  {
    name: 'refuses a reference',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: strict\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', 'data.mode'), with: newValues.parameter('mode') }),
    refused: /cannot refer/,
  },
  {
    name: 'refuses a value with an explicit tag',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: !!str strict\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('#0', 'data.mode'), with: true }),
    refused: /explicit tag/,
  },
]);

writerCases('YAML writer: add-property', [
  {
    name: 'nested missing mappings, at the indentation of a sequence item mapping',
    file: 'app.yaml',
    text: deployment(''),
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', `${CONTAINER}.0`), path: ['securityContext', 'allowPrivilegeEscalation'], value: false }),
    fixed: deployment('          securityContext:\n            allowPrivilegeEscalation: false\n'),
  },
  {
    name: 'after an entry ending in a comment, with a key holding a slash',
    file: 'app.yaml',
    text: deployment(''),
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', 'metadata.labels'), path: ['azure.workload.identity/use'], value: 'true' }),
    fixed: deployment('').replace('    app: web # the app label\n', '    app: web # the app label\n    azure.workload.identity/use: "true"\n'),
    then: { selector: '#0', path: ['metadata', 'labels', 'azure.workload.identity/use'], is: 'true' },
  },
  {
    name: 'a sequence, indented as the file indents them',
    file: 'app.yaml',
    text: deployment(''),
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', `${CONTAINER}.0`), path: ['securityContext', 'capabilities', 'drop'], value: ['ALL'] }),
    fixed: deployment('          securityContext:\n            capabilities:\n              drop:\n                - ALL\n'),
  },
  {
    name: 'into an empty flow mapping of the pod, made a block mapping',
    file: 'app.yaml',
    text: deployment('', '      securityContext: {}\n'),
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', 'spec.template.spec.securityContext'), path: ['runAsNonRoot'], value: true }),
    fixed: deployment('', '      securityContext:\n        runAsNonRoot: true\n'),
  },
  {
    name: 'into a flow mapping, inline',
    file: 'app.yaml',
    text: deployment('', '      securityContext: {runAsUser: 10001}\n'),
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', 'spec.template.spec.securityContext'), path: ['seccompProfile'], value: { type: 'RuntimeDefault' } }),
    fixed: deployment('', '      securityContext: {runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}\n'),
  },
  {
    name: 'in a CRLF file without a final line break',
    file: 'app.yaml',
    text: `apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n  name: api`,
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', 'metadata'), path: ['annotations', 'azure.workload.identity/client-id'], value: '00000000-0000-0000-0000-000000000000' }),
    fixed: `apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n  name: api\r\n  annotations:\r\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000`,
  },
  {
    name: 'a top-level key after a nested mapping with four-space indentation and level sequences',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: Pod\nmetadata:\n    name: api\nspec:\n    containers:\n    - name: api\n      image: registry.example/api:2.0.0\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', 'spec'), path: ['imagePullSecrets'], value: [{ name: 'registry' }] }),
    fixed: `apiVersion: v1\nkind: Pod\nmetadata:\n    name: api\nspec:\n    containers:\n    - name: api\n      image: registry.example/api:2.0.0\n    imagePullSecrets:\n    - name: registry\n`,
  },
]);

writerCases('YAML writer: layouts', [
  {
    name: 'in the second document of a file, after a block scalar',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    note: |\n      first line\n      second line\n\n# end of settings\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('#1', 'metadata.annotations'), path: ['owner'], value: 'platform' }),
    fixed: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    note: |\n      first line\n      second line\n    owner: platform\n\n# end of settings\n`,
    then: { selector: '#1', path: 'metadata.annotations', is: { note: 'first line\nsecond line\n', owner: 'platform' } },
  },
  {
    name: 'a nested mapping in a CRLF file',
    file: 'app.yaml',
    text: deployment('').replace(/\n/g, '\r\n'),
    intent: (m) => ({ kind: 'add-property', container: m.object('#0', `${CONTAINER}.0`), path: ['resources', 'limits'], value: { cpu: '500m', memory: '256Mi' } }),
    fixed: deployment('          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n').replace(/\n/g, '\r\n'),
  },
  {
    name: 'an item into an empty flow sequence that is a sequence item',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  finalizers:\n    - []\n`,
    intent: (m) => ({ kind: 'add-item', array: m.array('#0', 'metadata.finalizers.0'), item: { name: 'a' } }),
    fixed: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  finalizers:\n    - - name: a\n`,
  },
]);

writerCases('YAML writer: remove-property', [
  {
    name: 'an entry with its lines',
    file: 'app.yaml',
    text: deployment('          securityContext:\n            privileged: true\n            runAsNonRoot: true\n'),
    intent: (m) => ({ kind: 'remove-property', property: m.property('#0', 'spec.replicas') }),
    fixed: deployment('          securityContext:\n            privileged: true\n            runAsNonRoot: true\n').replace('  replicas: 2\n', ''),
  },
  {
    name: 'an entry with a nested mapping',
    file: 'app.yaml',
    text: deployment('          securityContext:\n            privileged: true # why\n          ports:\n            - containerPort: 8080\n'),
    intent: (m) => ({ kind: 'remove-property', property: m.property('#0', `${CONTAINER}.0.securityContext`) }),
    fixed: deployment('          ports:\n            - containerPort: 8080\n'),
  },
  {
    name: 'the only entry, leaving an empty mapping',
    file: 'app.yaml',
    text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: strict # note\n`,
    intent: (m) => ({ kind: 'remove-property', property: m.property('#0', 'data.mode') }),
    fixed: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata: {} # note\n`,
  },
  {
    name: 'the first entry of a sequence item: the next moves onto the dash line',
    file: 'app.yaml',
    text: deployment(''),
    intent: (m) => ({ kind: 'remove-property', property: m.property('#0', `${CONTAINER}.0.name`) }),
    fixed: deployment('').replace('        - name: web\n          image', '        - image'),
  },
  {
    name: 'from a flow mapping',
    file: 'app.yaml',
    text: deployment('', '      securityContext: {runAsUser: 0, fsGroup: 2000}\n'),
    intent: (m) => ({ kind: 'remove-property', property: m.property('#0', 'spec.template.spec.securityContext.runAsUser') }),
    fixed: deployment('', '      securityContext: {fsGroup: 2000}\n'),
  },
]);

writerCases('YAML writer: add-item', [
  {
    name: 'a mapping to a block sequence',
    file: 'app.yaml',
    text: deployment('          env:\n            - name: MODE\n              value: strict\n'),
    intent: (m) => ({ kind: 'add-item', array: m.array('#0', CONTAINER), item: { name: 'sidecar', image: 'registry.example/proxy:1.0.0', ports: [{ containerPort: 15001 }] } }),
    fixed: deployment('          env:\n            - name: MODE\n              value: strict\n        - name: sidecar\n          image: registry.example/proxy:1.0.0\n          ports:\n            - containerPort: 15001\n'),
  },
  {
    name: 'to an empty flow sequence, made a block sequence',
    file: 'app.yaml',
    text: deployment('          args: []\n'),
    intent: (m) => ({ kind: 'add-item', array: m.array('#0', `${CONTAINER}.0.args`), item: '--read-only' }),
    fixed: deployment('          args:\n            - --read-only\n'),
  },
  {
    name: 'to a flow sequence, inline, quoting what needs it',
    file: 'app.yaml',
    text: deployment('          args: [--port, "8080"]\n'),
    intent: (m) => ({ kind: 'add-item', array: m.array('#0', `${CONTAINER}.0.args`), item: 'yes, really' }),
    fixed: deployment('          args: [--port, "8080", "yes, really"]\n'),
  },
]);

writerCases('YAML writer: template intents', [
  {
    name: 'refuses add-resource',
    file: 'app.yaml',
    text: deployment(''),
    intent: () => ({ kind: 'add-resource', template: undefined as never, symbolicName: 'x', type: 'T', apiVersion: 'v', body: {} }),
    refused: /no template/,
  },
  {
    name: 'refuses add-parameter',
    file: 'app.yaml',
    text: deployment(''),
    intent: () => ({ kind: 'add-parameter', template: undefined as never, name: 'x', type: 'string', secure: false }),
    refused: /no template/,
  },
]);
