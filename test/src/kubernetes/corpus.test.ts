import * as assert from 'node:assert/strict';
import { loadKubernetes } from 'ztlint/kubernetes/index';
import { corpusFiles } from '../support/corpus';

describe('kubernetes loader on the corpus', () => {
  it('loads every k8s file, reporting errors exactly where the index records YAML errors', () => {
    const files = corpusFiles('k8s');
    assert.equal(files.length, 622);
    const failures: string[] = [];
    for (const file of files) {
      const load = loadKubernetes(file.text);
      const errors = load.diagnostics.filter((d) => d.severity === 'error');
      const problem = load.helmTemplate
        ? 'read as a Helm template'
        : file.yamlErrors
          ? errors.length === 0 && 'recorded YAML errors were not reported'
          : !load.isKubernetes || load.objects.length === 0
            ? 'no Kubernetes object'
            : errors.length > 0 && `errors: ${errors.map((e) => e.message).join('; ')}`;
      if (problem) failures.push(`${file.path}: ${problem}`);
    }
    assert.deepEqual(failures, []);
  });

  it('skips every helm file that holds a template action with exactly one helm-template-skipped info, and reads the others as manifests', () => {
    const failures: string[] = [];
    let skipped = 0;
    for (const file of corpusFiles('helm')) {
      const load = loadKubernetes(file.text);
      // An independent test for a template action: `{{` outside a comment line.
      const templated = file.text.split(/\r?\n/).some((line) => line.includes('{{') && !line.trimStart().startsWith('#'));
      if (!templated) {
        if (load.helmTemplate || !load.isKubernetes) failures.push(`${file.path}: a plain manifest was not read`);
        continue;
      }
      skipped++;
      const [diagnostic] = load.diagnostics;
      const ok =
        load.helmTemplate &&
        load.objects.length === 0 &&
        load.diagnostics.length === 1 &&
        diagnostic.code === 'helm-template-skipped' &&
        diagnostic.severity === 'info';
      if (!ok) failures.push(`${file.path}: not skipped as a Helm template`);
    }
    assert.deepEqual(failures, []);
    assert.ok(skipped >= 30, `only ${skipped} corpus Helm templates were seen`);
  });
});
