import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

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
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'ztlint');
    assert.deepEqual(sarifRun.results, []);
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

  it('reports parse problems in the text output with file, line and column', () => {
    const run = ztlint('half-typed.bicep', 'vault.bicep');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^half-typed\.bicep$/m);
    assert.match(run.stdout, /^ {2}7:\d+ +error +.+ {2}bicep-syntax$/m);
    assert.doesNotMatch(run.stdout, /^vault\.bicep$/m);
    assert.match(run.stdout, /in 2 linted files/);
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
