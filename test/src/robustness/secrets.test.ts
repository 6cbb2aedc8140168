import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../cli/helpers';
import { crashOf, ztlintGuarded } from './cli';
import { FILES, leaks } from './fakeSecrets';

describe('robustness: secrets are never printed in full', function () {
  this.timeout(60_000);
  const PROCESS_TIMEOUT = 45_000;
  let dir: string;
  let out: string;

  before(() => {
    dir = tempDir(FILES);
    out = tempDir();
  });

  it('finds the fixtures\u2019 secrets (so that the checks below mean something)', () => {
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--format', 'json', '.');
    assert.equal(crashOf(run), undefined);
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string }[]; ruleFailures?: unknown }[] };
    const rules = new Map(report.files.map((f) => [f.path, new Set(f.findings.map((x) => x.ruleId))]));
    const expect: [string, string][] = [
      ['infra/main.bicep', 'secrets-literal-password'],
      ['infra/main.bicep', 'secrets-connection-string'],
      ['infra/main.bicepparam', 'secrets-literal-password'],
      ['arm/azuredeploy.json', 'secrets-literal-password'],
      ['arm/azuredeploy.json', 'secrets-connection-string'],
      ['arm/azuredeploy.parameters.json', 'secrets-literal-password'],
      ['k8s/app.yaml', 'kubernetes-azure-credentials-in-env'],
      ['k8s/app.yaml', 'secrets-kubernetes-secret-manifest'],
      ['k8s/app.yaml', 'secrets-kubernetes-configmap-credentials'],
    ];
    assert.deepEqual(
      expect.filter(([file, rule]) => !rules.get(file)?.has(rule)),
      [],
      JSON.stringify([...rules].map(([f, r]) => [f, [...r]])),
    );
    assert.deepEqual(
      report.files.filter((f) => f.ruleFailures),
      [],
    );
  });

  for (const format of ['text', 'json', 'sarif', 'html']) {
    for (const strict of [false, true]) {
      it(`${format}${strict ? ' --strict' : ''}: standard output, standard error and --output`, () => {
        const flags = ['--format', format, ...(strict ? ['--strict'] : [])];
        const toStdout = ztlintGuarded(dir, PROCESS_TIMEOUT, ...flags, '.');
        assert.equal(crashOf(toStdout), undefined);
        assert.equal(toStdout.status, 1, 'the findings fail the run');
        assert.ok(toStdout.stdout.length > 0);
        const file = path.join(out, `report-${strict ? 'strict-' : ''}.${format}`);
        const toFile = ztlintGuarded(dir, PROCESS_TIMEOUT, ...flags, '--output', file, '.');
        assert.equal(crashOf(toFile), undefined);
        const written = fs.readFileSync(file, 'utf8');
        assert.ok(written.length > 0);
        assert.deepEqual([...leaks('stdout', toStdout.stdout), ...leaks('stderr', toStdout.stderr), ...leaks('stderr with --output', toFile.stderr), ...leaks('stdout with --output', toFile.stdout), ...leaks('the report file', written)], []);
      });
    }
  }

  it('a written baseline holds no secret', () => {
    const baseline = path.join(out, 'baseline.json');
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--write-baseline', baseline, '.');
    assert.equal(crashOf(run), undefined);
    assert.deepEqual([...leaks('stdout', run.stdout), ...leaks('stderr', run.stderr), ...leaks('the baseline', fs.readFileSync(baseline, 'utf8'))], []);
  });
});
