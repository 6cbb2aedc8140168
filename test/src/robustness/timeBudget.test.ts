import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { lintWithParameterFiles } from 'ztlint/engine/lintScan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { ANALYSIS_TIMEOUT } from 'ztlint/lint/deadline';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { Rule } from 'ztlint/lint/ruleApi';
import { tempDir, ztlintIn } from '../cli/helpers';
import { VAULT_BICEP } from '../lsp/fixtures';
import { fileUri, LspClient, makeWorkspace } from '../lsp/lspClient';
import { slowBicep } from './slowInput';

/** Far below what the slow file needs (hundreds of ms), far above what the small vault needs (a few ms). */
const TINY_BUDGET = 100;
const TIMED_OUT = new RegExp(`^analysis timed out after ${TINY_BUDGET} ms \\(in rule [a-z0-9-]+\\)`);

const rules = () => builtinCatalogue().rules;

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

    const cut = lintWithParameterFiles(document, [], { rules: rules(), timeoutMs: TINY_BUDGET });
    const timeouts = cut.findings.filter((f) => f.ruleId === ANALYSIS_TIMEOUT);
    assert.equal(timeouts.length, 1);
    assert.match(timeouts[0].message, TIMED_OUT);
    assert.ok(cut.findings.length < full.findings.length, 'the rules after the timeout did not run');
  });

  it('stops a rule that loops forever through the evaluator, and the next file is linted in full', () => {
    const vault = analyzeDocument('/budget/vault.bicep', VAULT_BICEP);
    const started = process.cpuUsage();
    const stopped = lintDocument(vault, { rules: [endless, ...rules()], timeoutMs: TINY_BUDGET });
    const cpuMs = (process.cpuUsage(started).user + process.cpuUsage(started).system) / 1000;
    assert.deepEqual(stopped.failures, []);
    assert.deepEqual(stopped.findings.map((f) => f.message), [`analysis timed out after ${TINY_BUDGET} ms (in rule test-endless); the rules after it did not run on this file`]);
    assert.ok(cpuMs < 2_000, `stopped after ${cpuMs.toFixed(0)} ms of CPU`);

    const next = lintDocument(vault, { rules: rules(), timeoutMs: 10_000 });
    assert.ok(next.findings.some((f) => f.ruleId === 'keyvault-rbac-disabled'));
  });

  it('CLI: --analysis-timeout and the config key cut the slow file only; the other files are reported in full', () => {
    const dir = tempDir({ 'slow.bicep': slowBicep(), 'vault.bicep': VAULT_BICEP });
    for (const [how, args] of [
      ['flag', ['--analysis-timeout', String(TINY_BUDGET), '--format', 'json', '.']],
      ['config', ['--config', 'budget.json', '--format', 'json', '.']],
    ] as const) {
      fs.writeFileSync(path.join(dir, 'budget.json'), JSON.stringify({ analysisTimeoutMs: TINY_BUDGET }));
      const run = ztlintIn(dir, ...args);
      assert.equal(run.stderr, '', how);
      const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
      const byFile = new Map(report.files.map((f) => [path.basename(f.path), f.findings]));
      const slow = byFile.get('slow.bicep') ?? [];
      assert.equal(slow.filter((f) => f.ruleId === ANALYSIS_TIMEOUT).length, 1, how);
      assert.match(slow.find((f) => f.ruleId === ANALYSIS_TIMEOUT)!.message, TIMED_OUT);
      const vault = byFile.get('vault.bicep') ?? [];
      assert.ok(vault.some((f) => f.ruleId === 'keyvault-rbac-disabled') && !vault.some((f) => f.ruleId === ANALYSIS_TIMEOUT), `${how}: ${JSON.stringify(vault)}`);
    }
  });

  it('language server: the config key applies to the files it lints', async () => {
    const workspace = makeWorkspace({ 'ztlint.config.json': JSON.stringify({ analysisTimeoutMs: TINY_BUDGET }), 'slow.bicep': slowBicep(), 'vault.bicep': VAULT_BICEP });
    const client = await LspClient.start(workspace);
    try {
      const slowUri = fileUri(path.join(workspace, 'slow.bicep'));
      const vaultUri = fileUri(path.join(workspace, 'vault.bicep'));
      await client.open(slowUri, slowBicep(), 'bicep');
      await client.open(vaultUri, VAULT_BICEP, 'bicep');
      const slow = await client.waitForDiagnostics(slowUri, (p) => p.diagnostics.some((d) => d.code === ANALYSIS_TIMEOUT), 60_000);
      assert.equal(slow.diagnostics.filter((d) => d.code === ANALYSIS_TIMEOUT).length, 1);
      assert.match(String(slow.diagnostics.find((d) => d.code === ANALYSIS_TIMEOUT)!.message), TIMED_OUT);
      const vault = await client.waitForDiagnostics(vaultUri, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'), 60_000);
      assert.ok(!vault.diagnostics.some((d) => d.code === ANALYSIS_TIMEOUT));
    } finally {
      await client.stop();
    }
  });
});
