import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { analyzeDocument } from 'ztlint/engine/analyze';
import type { AnalyzedDocument } from 'ztlint/engine/document';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import { editsForFix } from 'ztlint/fix/applyFixes';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { lintDocument } from 'ztlint/lint/lintDocument';
import { allResources } from 'ztlint/model/walk';
import { growth, LINEAR_AT_MOST } from '../support/growth';

const ARM_SCHEMA = '"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0"';

/** A minified template (one line) of storage accounts with several fixable findings each. */
function minifiedTemplate(accounts: number): string {
  const account = (i: number) =>
    `{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"st${i}","location":"westeurope","kind":"StorageV2","sku":{"name":"Standard_LRS"},` +
    `"properties":{"minimumTlsVersion":"TLS1_0","supportsHttpsTrafficOnly":false,"allowBlobPublicAccess":true,"publicNetworkAccess":"Enabled","allowSharedKeyAccess":true}}`;
  return `{${ARM_SCHEMA},"resources":[${Array.from({ length: accounts }, (_, i) => account(i)).join(',')}]}`;
}

function lintAll(document: AnalyzedDocument) {
  return lintDocument(document, { rules: builtinCatalogue().rules, timeoutMs: 10 * 60_000 });
}

/** Run in a child process: reads 8 MB of ConfigMaps and prints how much the peak memory grew. */
function readLargeManifest(modulePath: string): void {
  const { loadKubernetes } = require(modulePath) as typeof import('ztlint/kubernetes/index');
  const parts: string[] = [];
  for (let size = 0; size < 8e6; size += parts[parts.length - 1].length + 4) {
    parts.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings${parts.length}\ndata:\n  mode: fast\n  level: "3"\n  region: westeurope\n`);
  }
  const text = parts.join('---\n');
  const before = process.resourceUsage().maxRSS * 1024;
  const { objects } = loadKubernetes(text);
  const grew = process.resourceUsage().maxRSS * 1024 - before;
  console.log(JSON.stringify({ objects: objects.length, documents: parts.length, characters: text.length, grew }));
}

describe('scaling', function () {
  this.timeout(10 * 60_000);

  it('writes the edits of thousands of fixes on one long line in time linear in their number', () => {
    const ratio = growth(
      1000,
      (accounts) => {
        const document = analyzeDocument('azuredeploy.json', minifiedTemplate(accounts));
        const fixes = lintAll(document).findings.flatMap((f) => (f.fix ? [f.fix] : []));
        assert.ok(fixes.length >= 2 * accounts, `${fixes.length} fixes for ${accounts} accounts`);
        return { document, fixes };
      },
      ({ document, fixes }) => {
        for (const fix of fixes) {
          const result = editsForFix(document, fix);
          assert.ok('edits' in result && result.edits.length > 0, 'error' in result ? result.error : 'no edits');
        }
      },
    );
    assert.ok(ratio < LINEAR_AT_MOST, `4x the fixes cost ${ratio.toFixed(1)}x`);
  });

  it('evaluates names built from names through 2,000 resources in steps linear in their number', () => {
    const count = 2000;
    const declarations = Array.from({ length: count }, (_, i) => `resource r${i} 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: ${i === 0 ? "'st'" : `'\${r${i - 1}.name}x'`}\n}\n`);
    const { template } = analyzeDocument('main.bicep', declarations.join(''));
    assert.ok(template);
    let steps = 0;
    const evaluator = new Evaluator({ check: () => steps++ });
    const names = allResources(template).map((resource) => evaluator.evaluate(resource.fullName, resource.template));
    // each name is an interpolation of one reference: a handful of steps, not a walk down the chain
    assert.ok(steps < 25 * count, `${steps} evaluation steps for ${count} names`);
    const last = names.at(-1);
    assert.ok(last?.kind === 'string' && last.value === `st${'x'.repeat(count - 1)}`, `the last name is ${last?.kind === 'string' ? `${last.value.length} characters` : last?.kind}`);
  });

  it('lints a manifest of thousands of workloads and ServiceAccounts in time linear in their number', () => {
    const manifest = (workloads: number) =>
      Array.from(
        { length: workloads },
        (_, i) =>
          `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa${i}\n  namespace: shop\n---\n` +
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app${i}\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: app${i}\n  template:\n` +
          `    metadata:\n      labels:\n        app: app${i}\n    spec:\n      serviceAccountName: sa${i}\n      containers:\n        - name: web\n          image: nginx:1.25\n`,
      ).join('---\n');
    const ratio = growth(
      1000,
      (workloads) => {
        const document = analyzeDocument('app.yaml', manifest(workloads));
        assert.equal(document.kubernetesObjects?.length, 2 * workloads);
        return document;
      },
      (document) => lintAll(document),
    );
    assert.ok(ratio < LINEAR_AT_MOST, `4x the workloads cost ${ratio.toFixed(1)}x`);
  });

  it('reads an 8 MB manifest without holding its whole YAML syntax tree', () => {
    // In a process of its own, whose peak memory is this read's: the syntax tree alone takes some 50 bytes per
    // character, the model about 20.
    const run = spawnSync(process.execPath, ['-e', `(${readLargeManifest.toString()})(${JSON.stringify(require.resolve('ztlint/kubernetes/index'))})`], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { objects, documents, characters, grew } = JSON.parse(run.stdout) as { objects: number; documents: number; characters: number; grew: number };
    assert.equal(objects, documents);
    assert.ok(grew / characters < 45, `peak memory grew by ${(grew / characters).toFixed(0)} bytes per character`);
  });
});
