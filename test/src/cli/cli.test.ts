import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinCatalogue } from 'ztlint/lint/catalogue';

const REPO = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/cli');

function ztlint(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), ...args], { cwd: FIXTURES, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface SarifNotification {
  level: string;
  message: { text: string };
  descriptor: { id: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }[];
}

describe('ztlint command line', () => {
  it('writes SARIF 2.1.0 with a notification per file it cannot parse, and carries on', () => {
    const run = ztlint('--format', 'sarif', '.');
    assert.equal(run.stderr, '');
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'ztlint');
    const notifications: SarifNotification[] = sarifRun.invocations[0].toolExecutionNotifications;
    const byFile = (uri: string) => notifications.filter((n) => n.locations[0].physicalLocation.artifactLocation.uri === uri);

    const halfTyped = byFile('half-typed.bicep');
    assert.ok(halfTyped.length > 0, 'the half-typed Bicep file is reported');
    assert.ok(halfTyped.every((n) => n.level === 'error' && n.descriptor.id === 'bicep-syntax'));
    // The first error is where the value is missing, on line 7.
    assert.equal(halfTyped[0].locations[0].physicalLocation.region?.startLine, 7);

    const brokenJson = byFile('broken.json');
    assert.ok(brokenJson.some((n) => n.level === 'error' && n.descriptor.id === 'json-syntax'));

    const latin1 = byFile('latin1.yaml');
    assert.equal(latin1.length, 1);
    assert.match(latin1[0].message.text, /invalid UTF-8/);

    assert.deepEqual(byFile('vault.bicep'), [], 'a clean file has no notification');
    const artifacts: string[] = sarifRun.artifacts.map((a: { location: { uri: string } }) => a.location.uri);
    assert.ok(artifacts.includes('vault.bicep') && artifacts.includes('app.yaml'), 'files after a broken one are still scanned');
    assert.ok(!artifacts.includes('settings.json'), 'JSON that is not an ARM template is not linted');
  });

  it('describes every rule in SARIF and reports findings with exact regions, never printing a secret', () => {
    const examples = path.join(REPO, 'examples');
    const run = spawnSync(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), '--format', 'sarif', '.'], { cwd: examples, encoding: 'utf8' });
    const [sarifRun] = JSON.parse(run.stdout).runs;
    const catalogue = builtinCatalogue();
    const rules: { id: string; helpUri?: string; shortDescription: { text: string }; properties: { tags: string[] } }[] = sarifRun.tool.driver.rules;
    for (const rule of catalogue.rules) {
      const descriptor = rules.find((r) => r.id === rule.id);
      assert.ok(descriptor, `${rule.id} is described`);
      assert.equal(descriptor.shortDescription.text, rule.title);
      assert.ok(descriptor.helpUri?.endsWith(`/${rule.area}/${rule.id}.md`));
      assert.deepEqual(descriptor.properties.tags, ['security', rule.area, rule.principle]);
    }

    const bicep = fs.readFileSync(path.join(examples, 'bicep/main.bicep'), 'utf8');
    const use = bicep.indexOf('enableRbacAuthorization: enableRbac') + 'enableRbacAuthorization: '.length;
    const before = bicep.slice(0, use).split('\n');
    const rbac = sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'keyvault-rbac-disabled');
    assert.deepEqual(rbac.locations[0].physicalLocation.region, { startLine: before.length, startColumn: before[before.length - 1].length + 1, endLine: before.length, endColumn: before[before.length - 1].length + 1 + 'enableRbac'.length });
    assert.equal(rbac.locations[0].physicalLocation.artifactLocation.uri, 'bicep/main.bicep');
    assert.equal(run.status, sarifRun.results.some((r: { level: string; suppressions?: unknown }) => r.level === 'error' && !r.suppressions) ? 1 : 0);

    for (const secret of ['P@ssw0rd-EXAMPLE-NOT-REAL', 'Example-Only-Not-A-Secret-1', 'not-a-real-secret-example', 'Example-Only-123']) {
      assert.ok(!run.stdout.includes(secret), `the SARIF log does not contain ${secret}`);
    }
  });

  it('reports parse problems in the text output with file, line and column', () => {
    const run = ztlint('half-typed.bicep', 'app.yaml');
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^half-typed\.bicep$/m);
    assert.match(run.stdout, /^ {2}7:\d+ +error +expected an expression but found the end of the line {2}bicep-syntax$/m);
    assert.doesNotMatch(run.stdout, /^app\.yaml$/m, 'a file without problems is not listed');
    assert.match(run.stdout, /in 2 linted files\.$/m);
  });

  it('writes the report to --output', () => {
    const out = path.join(require('node:os').tmpdir(), `ztlint-${process.pid}.json`);
    const run = ztlint('--format=json', '--output', out, 'vault.bicep');
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(require('node:fs').readFileSync(out, 'utf8'));
    assert.deepEqual(report.files.map((f: { path: string; format: string }) => [f.path, f.format]), [['vault.bicep', 'bicep']]);
  });

  it('exits 2 with the usage on an unknown option or format', () => {
    const unknownOption = ztlint('--frobnicate');
    assert.equal(unknownOption.status, 2);
    assert.match(unknownOption.stderr, /unknown option '--frobnicate'/);
    const unknownFormat = ztlint('--format', 'xml', '.');
    assert.equal(unknownFormat.status, 2);
    assert.match(unknownFormat.stderr, /unknown format 'xml'/);
  });
});
