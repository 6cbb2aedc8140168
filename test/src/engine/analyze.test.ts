import * as assert from 'node:assert/strict';
import { analyzeDocument } from 'ztlint/engine/analyze';

describe('what a file is', () => {
  it('shows the YAML errors of a manifest being typed, even before any object can be read', () => {
    const typed = analyzeDocument('/w/app.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b: c\n');
    assert.equal(typed.format, 'kubernetes');
    assert.deepEqual(typed.kubernetesObjects, []);
    assert.ok(typed.diagnostics.some((d) => d.severity === 'error' && d.code === 'yaml-syntax'));
  });

  it('leaves broken YAML that is not a manifest alone', () => {
    const other = analyzeDocument('/w/values.yaml', 'replicas: 2\nimage: a: b\n');
    assert.equal(other.format, 'not-linted');
    assert.deepEqual(other.diagnostics, []);
  });

  it('does not lint valid YAML that holds no Kubernetes object', () => {
    const other = analyzeDocument('/w/compose.yaml', 'services:\n  web:\n    image: nginx\n');
    assert.equal(other.format, 'not-linted');
  });
});
