import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { existingTarget } from 'ztlint/azure/existing/existingId';
import { deployedBody } from 'ztlint/azure/existing/deployedBody';
import { LiveLookup } from 'ztlint/azure/existing/liveLookup';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { DEPLOYED_LOOKUP_FAILED, type DeployedBodies } from 'ztlint/lint/existingBodies';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { Rule } from 'ztlint/lint/ruleApi';
import { lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import { IDS, RG_APP, SUBSCRIPTION_ID } from './standin/deployedState';

const FILE = path.resolve(__dirname, '../../fixtures/existing/grants.bicep');
const document = () => analyzeDocument(FILE, fs.readFileSync(FILE, 'utf8'));
const rules = builtinCatalogue().rules;
const DEFAULTS = { subscriptionId: SUBSCRIPTION_ID, resourceGroup: 'rg-app' };

const vaultJson = (enableRbacAuthorization: boolean) => ({ location: 'westeurope', properties: { tenantId: '00000000-0000-4000-8000-0000000000a1', enableRbacAuthorization, accessPolicies: [] } });

/** A provider that knows the deployed state of some vaults by name, and records what it is asked. */
function provider(byName: Readonly<Record<string, ReturnType<typeof vaultJson> | { problem: string }>>, asked: string[] = []): DeployedBodies {
  return (resource, evaluate) => {
    const target = existingTarget(resource, evaluate, DEFAULTS);
    asked.push(resource.symbolicName ?? '');
    const name = evaluate(resource.fullName, resource.template);
    const found = name.kind === 'string' ? byName[name.value] : undefined;
    if (!found || !target) return undefined;
    return 'problem' in found ? found : deployedBody(resource, evaluate(resource.body, resource.template), target.id, found);
  };
}

const tooBroadOn = (findings: readonly { ruleId: string; message: string }[]) =>
  findings.filter((f) => f.ruleId === 'keyvault-access-policy-too-broad').map((f) => /Key Vault `(\w+)`/.exec(f.message)?.[1]);

describe('existing resources: the deployed-state hook of the engine', () => {
  it('without a provider, access policies on every referenced vault are judged by what the file says', () => {
    assert.deepEqual(tooBroadOn(lintDocument(document(), { rules }).findings), ['legacy', 'app', 'locked']);
  });

  it('gives rules the deployed body: policies on a vault on RBAC are ignored, on one on access policies they are reported with the origin', () => {
    const asked: string[] = [];
    const { findings } = lintDocument(document(), { rules, deployed: provider({ 'kv-legacy': vaultJson(false), 'kv-app': vaultJson(true) }, asked) });
    assert.deepEqual(tooBroadOn(findings), ['legacy', 'locked']);
    const legacy = findings.find((f) => f.ruleId === 'keyvault-access-policy-too-broad' && f.message.includes('`legacy`'))!;
    assert.equal(legacy.related.length, 1);
    assert.equal(legacy.related[0].message, `Key Vault \`legacy\` uses access policies (from the deployed resource ${IDS.legacyVault}, looked up live)`);
    const text = fs.readFileSync(FILE, 'utf8');
    assert.equal(text.slice(legacy.related[0].range.start, legacy.related[0].range.end), "'kv-legacy'");
    // Only `existing` resources are asked about, each once per lint however many rules read it.
    assert.deepEqual([...new Set(asked)].sort(), ['app', 'legacy', 'locked']);
    assert.equal(asked.length, 3);
  });

  it('reports a failed lookup once, as info on the reference, and the rules go on with what the file says', () => {
    const { findings } = lintDocument(document(), { rules, deployed: provider({ 'kv-locked': { problem: 'no permission to read it' } }) });
    const failed = findings.filter((f) => f.ruleId === DEPLOYED_LOOKUP_FAILED);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].severity, 'info');
    assert.equal(failed[0].message, 'no permission to read it');
    assert.equal(fs.readFileSync(FILE, 'utf8').slice(failed[0].range.start, failed[0].range.end), "'kv-locked'");
    assert.deepEqual(tooBroadOn(findings), ['legacy', 'app', 'locked']);
  });

  it('keeps what the declaration says beside the deployed parts', () => {
    const reader: Rule = {
      id: 'test-reader',
      title: 'Reads existing vaults',
      severity: 'info',
      area: 'keyvault',
      principle: 'least-privilege',
      targets: ['template'],
      fixable: false,
      check(context) {
        for (const vault of context.resources('Microsoft.KeyVault/vaults')) {
          const body = context.body(vault);
          context.report({ message: `${lookup(body, 'name').state} ${lookup(body, 'scope').state} ${lookup(body, 'properties.enableRbacAuthorization').state}`, at: vault });
        }
      },
    };
    const { findings } = lintDocument(document(), { rules: [reader], deployed: provider({ 'kv-legacy': vaultJson(false) }) });
    // name and scope as declared (a `resourceGroup()` scope evaluates to unknown); properties from Azure for kv-legacy only
    assert.deepEqual(findings.map((f) => f.message), ['known unknown known', 'known absent absent', 'known unknown absent']);
  });
});

describe('existing resources: the id looked up', () => {
  const targets = () => {
    const analyzed = analyzeDocument('/x/refs.bicep', `param unknownName string
resource a 'Microsoft.KeyVault/vaults@2023-07-01' existing = { name: 'kv-a' }
resource b 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {
  name: 'aks-b'
  scope: resourceGroup('11111111-1111-4111-8111-111111111111', 'rg-other')
}
resource c 'Microsoft.KeyVault/vaults@2023-07-01' existing = { name: unknownName }
resource d 'Microsoft.Network/publicIPAddresses@2023-09-01' existing = { name: 'pip' }
resource e 'Microsoft.KeyVault/vaults@2023-07-01' existing = { name: 'kv-e/../../x' }
`);
    const evaluator = new Evaluator({});
    return (defaults: { subscriptionId: string; resourceGroup?: string }) =>
      analyzed.template!.resources.map((r: Resource) => existingTarget(r, (expr, template) => evaluator.evaluate(expr, template), defaults)?.id);
  };

  it('is the settings’ subscription and resource group unless the declaration names its own; unknown names, unread types and path-changing names are not looked up', () => {
    assert.deepEqual(targets()(DEFAULTS), [
      `${RG_APP}/providers/Microsoft.KeyVault/vaults/kv-a`,
      '/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-other/providers/Microsoft.ContainerService/managedClusters/aks-b',
      undefined,
      undefined,
      undefined,
    ]);
    assert.equal(targets()({ subscriptionId: SUBSCRIPTION_ID })[0], undefined, 'no resource group: no lookup');
  });
});

describe('existing resources: the live lookup', () => {
  const vault = () => document().template!.resources.find((r) => r.symbolicName === 'legacy')!;
  const evaluate = () => {
    const evaluator = new Evaluator({});
    return (expr: Parameters<Evaluator['evaluate']>[0], template: Parameters<Evaluator['evaluate']>[1]) => evaluator.evaluate(expr, template);
  };

  it('answers at once with nothing, reads in the background once per TTL, and says when the answer arrives', async () => {
    const reads: string[] = [];
    let changed = 0;
    let answer!: () => void;
    const arrived = new Promise<void>((resolve) => (answer = resolve));
    const live = new LiveLookup({
      defaults: DEFAULTS,
      read: async ({ id }) => {
        reads.push(id);
        return vaultJson(true);
      },
      ttlMs: 60_000,
      onChange: () => {
        changed++;
        answer();
      },
      log: () => assert.fail('nothing failed'),
    });
    assert.equal(live.bodies(vault(), evaluate()), undefined);
    assert.equal(live.bodies(vault(), evaluate()), undefined);
    await arrived;
    const body = live.bodies(vault(), evaluate());
    assert.ok(body && !('problem' in body));
    assert.equal(lookup(body, 'properties.enableRbacAuthorization').state, 'known');
    assert.deepEqual(reads, [IDS.legacyVault]);
    assert.equal(changed, 1);
  });

  it('turns a failed read into one problem and one log line per TTL', async () => {
    const logged: string[] = [];
    let answer!: () => void;
    const arrived = new Promise<void>((resolve) => (answer = resolve));
    const live = new LiveLookup({
      defaults: DEFAULTS,
      read: () => Promise.reject(new Error('no permission to read it (403 AuthorizationFailed)')),
      ttlMs: 60_000,
      onChange: () => answer(),
      log: (message) => logged.push(message),
    });
    live.bodies(vault(), evaluate());
    await arrived;
    const first = live.bodies(vault(), evaluate());
    live.bodies(vault(), evaluate());
    assert.deepEqual(first, { problem: `the deployed resource ${IDS.legacyVault} could not be looked up, so the rules judge it by what this file says: no permission to read it (403 AuthorizationFailed)` });
    assert.equal(logged.length, 1);
  });
});
