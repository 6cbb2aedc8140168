import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LintedFile } from 'ztlint/engine/lintScan';
import { lintScan } from 'ztlint/engine/lintScan';
import { parallelScan } from 'ztlint/engine/parallelScan';
import { scan } from 'ztlint/engine/scan';
import { workspaceView } from 'ztlint/engine/workspaceView';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { collectFacts } from 'ztlint/lint/collectFacts';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { vaultBicep } from '../rules/fixtures/vaults';
import { ordersDeployment } from '../support/workloads';

const RBAC = "    sku: { family: 'A', name: 'standard' }\n    enableRbacAuthorization: true\n";

/** A workspace whose files know of each other only through their workspace facts. */
const FILES: Readonly<Record<string, string>> = {
  'infra/vault.bicep': `${vaultBicep(RBAC)}
${vaultBicep(RBAC).replace('resource vault', 'resource billing').replace("'kv-orders'", "'kv-billing'")}`,
  // A setting on kv-orders that leaves the audit logs out, and one on kv-billing whose logs cannot be known.
  'infra/diagnostics.bicep': `param workspaceId string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log'
param billingLogs array

resource orders 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders'
}

resource billing 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-billing'
}

resource ordersDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: orders
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AzurePolicyEvaluationDetails'
        enabled: true
      }
    ]
  }
}

resource billingDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'diagnostics'
  scope: billing
  properties: {
    workspaceId: workspaceId
    logs: billingLogs
  }
}
`,
  // Key Vault Secrets User on kv-orders, for a person: no managed identity can use the vault.
  'infra/roles.bicep': `resource orders 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders'
}

resource personGrant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(orders.id, 'person')
  scope: orders
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: '22222222-0000-4000-8000-000000000001'
    principalType: 'User'
  }
}
`,
  'k8s/app.yaml': ordersDeployment({ podSpec: '      serviceAccountName: orders\n' }),
  'k8s/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n  annotations:\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000\n',
  'k8s/billing.yaml': ordersDeployment({ podLabels: '        azure.workload.identity/use: "true"\n', podSpec: '      serviceAccountName: billing\n' }).replace(/name: orders\b/g, 'name: billing'),
  'k8s/billing-sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: billing\n',
};

describe('workspace facts: what one file tells the rules of the others', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-facts-'));
    for (const [name, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const fileOf = (files: readonly LintedFile[], name: string) => files.find((f) => f.result.path === path.join(root, name))!;

  /** The findings of `ruleId` in `name`, each with its related locations' file and the text they point at. */
  function related(files: readonly LintedFile[], name: string, ruleId: string) {
    return fileOf(files, name)
      .findings.filter((f) => f.ruleId === ruleId)
      .map((f) => ({ message: f.message, range: f.range, related: f.related.map((r) => ({ file: path.relative(root, r.file ?? path.join(root, name)), text: FILES[path.relative(root, r.file ?? path.join(root, name))].slice(r.range.start, r.range.end) })) }));
  }

  function checkCrossFileFindings(files: readonly LintedFile[]): void {
    assert.deepEqual(related(files, 'k8s/app.yaml', 'kubernetes-workload-identity-label-missing').map((f) => f.related), [[{ file: 'k8s/sa.yaml', text: '00000000-0000-0000-0000-000000000000' }]]);
    assert.deepEqual(related(files, 'k8s/billing.yaml', 'kubernetes-workload-identity-annotation-missing').map((f) => f.related), [[{ file: 'k8s/billing-sa.yaml', text: 'kind: ServiceAccount' }]]);
    const [audit] = related(files, 'infra/vault.bicep', 'monitoring-keyvault-audit-logs');
    assert.match(audit.message, /^The diagnostic settings of Key Vault `vault` leave out its audit logs/);
    const diagnostics = FILES['infra/diagnostics.bicep'];
    assert.deepEqual(audit.related, [{ file: 'infra/diagnostics.bicep', text: "'Microsoft.Insights/diagnosticSettings@2021-05-01-preview'" }]);
    const [access] = related(files, 'infra/vault.bicep', 'keyvault-no-managed-identity-access');
    assert.match(access.message, /^Key Vault `vault` uses Azure RBAC/);
    assert.deepEqual(access.related, [{ file: 'infra/roles.bicep', text: "'Microsoft.Authorization/roleAssignments@2022-04-01'" }]);
    assert.ok(diagnostics.indexOf('ordersDiagnostics') < diagnostics.indexOf("'Microsoft.Insights/diagnosticSettings"), 'the fixture declares the kv-orders setting first');
  }

  it('point the findings of one file at what another file declares', () => {
    checkCrossFileFindings(lintScan(scan([root]), { catalogue: builtinCatalogue() }));
  });

  it('cross threads in the parallel scan: the same findings and related locations', async () => {
    const parallel = await parallelScan([root], { workers: 2 });
    checkCrossFileFindings(parallel);
    const sequential = lintScan(scan([root]), { catalogue: builtinCatalogue() });
    assert.deepEqual(
      parallel.map((f) => f.findings.map(({ fix, ...finding }) => ({ ...finding, fix: fix && { title: fix.title, safe: fix.safe } }))),
      sequential.map((f) => f.findings.map(({ fix, ...finding }) => ({ ...finding, fix: fix && { title: fix.title, safe: fix.safe } }))),
    );
  });

  it('say that a value in another file cannot be known on the vault of this file (strict)', () => {
    const files = lintScan(scan([root]), { catalogue: builtinCatalogue(), strict: true });
    const vault = FILES['infra/vault.bicep'];
    const [billing] = related(files, 'infra/vault.bicep', 'monitoring-keyvault-audit-logs').filter((f) => f.message.startsWith('cannot verify'));
    assert.equal(billing.message, 'cannot verify whether Key Vault `billing` records its audit logs: parameter `billingLogs` has no default');
    assert.equal(vault.slice(billing.range.start, billing.range.end), "'Microsoft.KeyVault/vaults@2023-07-01'");
    assert.ok(billing.range.start > vault.indexOf('resource billing'), 'on the vault the setting is on');
  });

  it('are plain JSON, collected on each file with its own values, in file order then declaration order', () => {
    const rules = builtinCatalogue().rules;
    const documents = ['infra/roles.bicep', 'k8s/sa.yaml', 'k8s/billing-sa.yaml'].map((name) => analyzeDocument(path.join(root, name), FILES[name]));
    const collected = documents.map((document) => collectFacts(document, rules));
    for (const { facts, failures } of collected) {
      assert.deepEqual(failures, []);
      assert.deepEqual(structuredClone(facts), JSON.parse(JSON.stringify(facts)));
    }
    assert.deepEqual(collected[0].facts['keyvault/role-assignments'], [
      {
        at: { start: FILES['infra/roles.bicep'].indexOf("'Microsoft.Authorization"), end: FILES['infra/roles.bicep'].indexOf(' = {\n  name: guid') },
        target: { kind: 'vault', name: 'kv-orders', existing: true },
        role: '4633458b-17de-408a-b874-0445c86b69e6',
        principal: { readsIdentity: false, id: '22222222-0000-4000-8000-000000000001', type: 'user' },
      },
    ]);
    const view = workspaceView(documents.map((document, i) => ({ path: document.path, facts: collected[i].facts })));
    assert.deepEqual(
      view.facts('kubernetes/service-accounts').map(({ file, fact }) => [path.relative(root, file), (fact as { name: string }).name]),
      [
        ['k8s/sa.yaml', 'orders'],
        ['k8s/billing-sa.yaml', 'billing'],
      ],
    );
    assert.deepEqual(view.facts('no/such-facts'), []);
  });
});
