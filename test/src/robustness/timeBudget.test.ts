import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { lintWithParameterFiles } from 'ztlint/engine/lintScan';
import { readAndAnalyze } from 'ztlint/engine/scan';
import { ManifestCache } from 'ztlint/kubernetes/manifestCache';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { ANALYSIS_TIMEOUT, Deadline } from 'ztlint/lint/deadline';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { Rule } from 'ztlint/lint/ruleApi';
import { tempDir, ztlintIn } from '../cli/helpers';
import { DEPLOYMENT, VAULT_BICEP } from '../lsp/fixtures';
import { ordersDeployment } from '../support/workloads';
import { fileUri, LspClient, makeWorkspace } from '../lsp/lspClient';
import { hugeArmTemplate, hugeBicep, singleHugeManifest, slowBicep } from './slowInput';

/** Far below what the slow file needs (hundreds of ms), far above what the small vault needs (a few ms). */
const TINY_BUDGET = 100;
const TIMED_OUT = new RegExp(`^analysis timed out after ${TINY_BUDGET} ms \\(in rule [a-z0-9-]+\\)`);
/**
 * The slow file for a fresh process (the CLI, the language server): at its default size it took about the tiny
 * budget to read and as long again to lint there (94 and 129 ms measured, 2026-11-24), so five times as many
 * resources keep both well over it. Reading or the rules may run out first.
 */
const SLOW_FOR_A_FRESH_PROCESS = slowBicep(3000);
const SLOW_TIMED_OUT = new RegExp(`^analysis timed out after ${TINY_BUDGET} ms \\(in (rule [a-z0-9-]+|reading Bicep)\\)`);

const readTimedOut = (syntax: string) => `analysis timed out after ${TINY_BUDGET} ms (in reading ${syntax}); the rest of the file was not read and no rule ran on it`;
const READ_TIMED_OUT = new RegExp(`^${readTimedOut('YAML').replace(/[()]/g, '\\$&')}$`);

/**
 * Files whose reading alone takes seconds, each in one piece the reader must stop inside: a single YAML document
 * (over the size whose tokens are kept, so it is parsed twice), a Bicep file and an ARM template.
 */
const HUGE_INPUTS = [
  { file: 'single.yaml', syntax: 'YAML', text: () => singleHugeManifest(6) },
  { file: 'huge.bicep', syntax: 'Bicep', text: () => hugeBicep(12) },
  { file: 'huge.json', syntax: 'JSON', text: () => hugeArmTemplate(12) },
];

const rules = () => builtinCatalogue().rules;

/**
 * A budget on a clock that advances one millisecond each time it is read: where the budget runs out depends on how
 * much work was done, not on how busy the machine is.
 */
const steppedDeadline = (timeoutMs: number) => {
  let now = 0;
  return new Deadline(timeoutMs, () => now++);
};

/** Enough Deployments (some 4 MB) that reading them takes seconds, far past the tiny budget. */
const DEPLOYMENTS = 12_000;
const manyDeployments = () => Array.from({ length: DEPLOYMENTS }, (_, i) => ordersDeployment().replace('name: orders\n', `name: orders-${i}\n`)).join('---\n');
const cpuMs = (since: NodeJS.CpuUsage) => (process.cpuUsage(since).user + process.cpuUsage(since).system) / 1000;

/** The findings of a `--format json` report, by file name. */
function findingsByFile(stdout: string): Map<string, { ruleId: string; message: string }[]> {
  const report = JSON.parse(stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  return new Map(report.files.map((f) => [path.basename(f.path), f.findings]));
}

/** A rule that never finishes by itself, but keeps asking the engine for values as rules do. */
const endless: Rule = {
  ...builtinCatalogue().rules.find((r) => r.id === 'keyvault-rbac-disabled')!,
  id: 'test-endless',
  title: 'A rule that loops forever',
  check(context) {
    const [resource] = context.resources('Microsoft.KeyVault/vaults');
    for (;;) context.evaluate(resource.body, resource.template);
  },
};

describe('robustness: per-file time budget', () => {
  it('reports one "analysis timed out" finding, naming the rule, when the rules take longer than the budget', () => {
    const document = analyzeDocument('/budget/slow.bicep', slowBicep());
    const full = lintWithParameterFiles(document, [], { rules: rules() });
    assert.ok(!full.findings.some((f) => f.ruleId === ANALYSIS_TIMEOUT), 'the default budget is enough for this file');
    assert.ok(full.findings.length > 500, `${full.findings.length} findings with the default budget`);

    const cut = lintDocument(document, { rules: rules() }, steppedDeadline(TINY_BUDGET));
    const timeouts = cut.findings.filter((f) => f.ruleId === ANALYSIS_TIMEOUT);
    assert.equal(timeouts.length, 1);
    assert.match(timeouts[0].message, TIMED_OUT);
    assert.ok(cut.findings.length < full.findings.length, 'the rules after the timeout did not run');
  });

  it('stops a rule that loops forever through the evaluator, and the next file is linted in full', () => {
    const vault = analyzeDocument('/budget/vault.bicep', VAULT_BICEP);
    const started = process.cpuUsage();
    const stopped = lintDocument(vault, { rules: [endless, ...rules()], timeoutMs: TINY_BUDGET });
    const stoppedMs = cpuMs(started);
    assert.deepEqual(stopped.failures, []);
    assert.deepEqual(stopped.findings.map((f) => f.message), [`analysis timed out after ${TINY_BUDGET} ms (in rule test-endless); the rules after it did not run on this file`]);
    assert.ok(stoppedMs < 2_000, `stopped after ${stoppedMs.toFixed(0)} ms of CPU`);

    const next = lintDocument(vault, { rules: rules(), timeoutMs: 10_000 });
    assert.ok(next.findings.some((f) => f.ruleId === 'keyvault-rbac-disabled'));
  });

  it('an editor reads a manifest until the budget runs out, keeps the objects of the documents before, and goes on from there with the next version', () => {
    const text = manyDeployments();
    const cache = new ManifestCache();
    const first = cache.load(text, steppedDeadline(TINY_BUDGET));
    assert.equal(first.timedOut?.message, `analysis timed out after ${TINY_BUDGET} ms (in reading YAML)`);
    assert.ok(first.objects.length > 0 && first.objects.length < DEPLOYMENTS / 10, `${first.objects.length} objects read`);
    assert.deepEqual(first.objects.map((o) => o.name), first.objects.map((_, i) => `orders-${i}`));

    const second = cache.load(text, steppedDeadline(TINY_BUDGET));
    assert.ok(second.timedOut && second.objects.length > first.objects.length, `${first.objects.length}, then ${second.objects.length} objects`);
    assert.deepEqual(second.objects.slice(0, first.objects.length), first.objects, 'the objects read before are kept');

    const whole = new ManifestCache().load(text, new Deadline(600_000));
    assert.equal(whole.timedOut, undefined);
    assert.equal(whole.objects.length, DEPLOYMENTS);
  });

  it('CLI: a manifest that takes longer to read than the budget reports "analysis timed out" and no findings; the next files are linted in full', () => {
    const dir = tempDir({ 'big.yaml': manyDeployments(), 'next.yaml': DEPLOYMENT, 'vault.bicep': VAULT_BICEP });
    const read = readAndAnalyze(path.join(dir, 'big.yaml'), TINY_BUDGET);
    assert.ok(read.kind === 'analyzed' && read.document.timedOut && (read.document.kubernetesObjects ?? []).length < DEPLOYMENTS);

    const run = ztlintIn(dir, '--analysis-timeout', String(TINY_BUDGET), '--format', 'json', '.');
    assert.equal(run.stderr, '');
    const byFile = findingsByFile(run.stdout);
    assert.deepEqual(byFile.get('big.yaml')?.map((f) => f.ruleId), [ANALYSIS_TIMEOUT]);
    assert.match(byFile.get('big.yaml')![0].message, READ_TIMED_OUT);
    for (const next of ['next.yaml', 'vault.bicep']) {
      const findings = byFile.get(next) ?? [];
      assert.ok(findings.length > 0 && !findings.some((f) => f.ruleId === ANALYSIS_TIMEOUT), `${next}: ${JSON.stringify(findings)}`);
    }
  });

  for (const input of HUGE_INPUTS) {
    it(`stops reading a huge ${input.syntax} file (${input.file}) at the budget, long before the end of the file`, () => {
      const text = input.text();
      const file = path.join(tempDir({ [input.file]: text }), input.file);
      const cut = readAndAnalyze(file, TINY_BUDGET);
      assert.ok(cut.kind === 'analyzed');
      assert.equal(cut.document.timedOut?.message, `analysis timed out after ${TINY_BUDGET} ms (in reading ${input.syntax})`);

      let clockReadings = 0;
      const whole = analyzeDocument(file, text, {}, new Deadline(Number.MAX_SAFE_INTEGER, () => clockReadings++));
      assert.equal(whole.timedOut, undefined);
      assert.deepEqual(whole.diagnostics, []);
      assert.ok(whole.template || whole.kubernetesObjects?.length === 1, `${input.file} read whole as ${whole.format}`);
      // The reader looks at the clock all along the one piece, so a budget of a quarter of those readings stops it inside.
      assert.ok(clockReadings >= 8, `${clockReadings} clock readings in a whole read`);
      const quarter = Math.floor(clockReadings / 4);
      assert.equal(analyzeDocument(file, text, {}, steppedDeadline(quarter)).timedOut?.message, `analysis timed out after ${quarter} ms (in reading ${input.syntax})`);
    });
  }

  it('CLI: huge files of every syntax each report "analysis timed out" while being read; the next files are linted in full', () => {
    const dir = tempDir({ ...Object.fromEntries(HUGE_INPUTS.map((input) => [input.file, input.text()])), 'next.yaml': DEPLOYMENT, 'vault.bicep': VAULT_BICEP });
    const run = ztlintIn(dir, '--analysis-timeout', String(TINY_BUDGET), '--format', 'json', '.');
    assert.equal(run.stderr, '');
    const byFile = findingsByFile(run.stdout);
    for (const input of HUGE_INPUTS) {
      assert.deepEqual(byFile.get(input.file)?.map((f) => f.message), [readTimedOut(input.syntax)], input.file);
    }
    for (const next of ['next.yaml', 'vault.bicep']) {
      const findings = byFile.get(next) ?? [];
      assert.ok(findings.length > 0 && !findings.some((f) => f.ruleId === ANALYSIS_TIMEOUT), `${next}: ${JSON.stringify(findings)}`);
    }
  });

  it('CLI: --analysis-timeout and the config key cut the slow file only; the other files are reported in full', () => {
    const dir = tempDir({ 'slow.bicep': SLOW_FOR_A_FRESH_PROCESS, 'vault.bicep': VAULT_BICEP });
    for (const [how, args] of [
      ['flag', ['--analysis-timeout', String(TINY_BUDGET), '--format', 'json', '.']],
      ['config', ['--config', 'budget.json', '--format', 'json', '.']],
    ] as const) {
      fs.writeFileSync(path.join(dir, 'budget.json'), JSON.stringify({ analysisTimeoutMs: TINY_BUDGET }));
      const run = ztlintIn(dir, ...args);
      assert.equal(run.stderr, '', how);
      const byFile = findingsByFile(run.stdout);
      const slow = byFile.get('slow.bicep') ?? [];
      assert.equal(slow.filter((f) => f.ruleId === ANALYSIS_TIMEOUT).length, 1, how);
      assert.match(slow.find((f) => f.ruleId === ANALYSIS_TIMEOUT)!.message, SLOW_TIMED_OUT);
      const vault = byFile.get('vault.bicep') ?? [];
      assert.ok(vault.some((f) => f.ruleId === 'keyvault-rbac-disabled') && !vault.some((f) => f.ruleId === ANALYSIS_TIMEOUT), `${how}: ${JSON.stringify(vault)}`);
    }
  });

  it('language server: the config key applies to the files it reads and lints', async () => {
    const big = manyDeployments();
    const workspace = makeWorkspace({ 'ztlint.config.json': JSON.stringify({ analysisTimeoutMs: TINY_BUDGET }), 'slow.bicep': SLOW_FOR_A_FRESH_PROCESS, 'vault.bicep': VAULT_BICEP, 'big.yaml': big });
    const client = await LspClient.start(workspace);
    try {
      const slowUri = fileUri(path.join(workspace, 'slow.bicep'));
      const vaultUri = fileUri(path.join(workspace, 'vault.bicep'));
      await client.open(slowUri, SLOW_FOR_A_FRESH_PROCESS, 'bicep');
      await client.open(vaultUri, VAULT_BICEP, 'bicep');
      const slow = await client.waitForDiagnostics(slowUri, (p) => p.diagnostics.some((d) => d.code === ANALYSIS_TIMEOUT), 60_000);
      assert.equal(slow.diagnostics.filter((d) => d.code === ANALYSIS_TIMEOUT).length, 1);
      assert.match(String(slow.diagnostics.find((d) => d.code === ANALYSIS_TIMEOUT)!.message), SLOW_TIMED_OUT);
      const vault = await client.waitForDiagnostics(vaultUri, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'), 60_000);
      assert.ok(!vault.diagnostics.some((d) => d.code === ANALYSIS_TIMEOUT));
      const bigUri = fileUri(path.join(workspace, 'big.yaml'));
      await client.open(bigUri, big, 'yaml');
      const read = await client.waitForDiagnostics(bigUri, (p) => p.diagnostics.length > 0, 60_000);
      assert.deepEqual(read.diagnostics.map((d) => d.code), [ANALYSIS_TIMEOUT]);
      assert.match(String(read.diagnostics[0].message), READ_TIMED_OUT);
    } finally {
      await client.stop();
    }
  });
});
