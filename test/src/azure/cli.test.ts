import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAzure, standInEnv, type AzureRun } from './runAzure';
import { startArmStandIn, type ArmStandIn, type RecordedRequest } from './standin/armStandIn';
import { DENIED_SUBSCRIPTION_ID, IDS, RG_APP, RG_LOCKED, SUBSCRIPTION_ID } from './standin/deployedState';

interface JsonReport {
  readonly subscriptionId: string;
  readonly resourceGroups: string[];
  readonly resourcesRead: number;
  readonly findings: { ruleId: string; severity: string; message: string; resourceId: string; property?: string; drift?: boolean; template?: { file: string; line: number; column: number } }[];
  readonly problems: { scope: string; message: string; status?: number }[];
}

const OWNER_ASSIGNMENT = `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-4000-8000-0000000000f1`;
const found = (report: JsonReport) => report.findings.map((f) => `${f.ruleId} ${f.resourceId}`);

describe('ztlint azure against a Resource Manager stand-in', () => {
  let standIn: ArmStandIn;
  /** every run of this suite, to check that no token or identity header was ever printed */
  const runs: AzureRun[] = [];
  const run = async (args: readonly string[], env = standInEnv(standIn), cwd?: string) => {
    const result = await runAzure(env, args, cwd);
    runs.push(result);
    return result;
  };
  let scan: AzureRun;
  let report: JsonReport;
  /** what Resource Manager and the identity endpoint were asked during that scan */
  let scanRequests: RecordedRequest[] = [];

  before(async () => {
    standIn = await startArmStandIn({ throttleOnce: { [IDS.storage]: 1 } });
    scan = await run(['--subscription', SUBSCRIPTION_ID, '--format', 'json']);
    scanRequests = [...standIn.requests];
    report = JSON.parse(scan.stdout) as JsonReport;
  });
  after(() => standIn.close());

  describe('a whole subscription, as JSON', () => {
    it('reports the rules’ findings on the deployed resources, by resource id, and exits 1', () => {
      assert.equal(scan.status, 1, scan.stderr);
      const ids = found(report);
      for (const expected of [
        `keyvault-rbac-disabled ${IDS.legacyVault}`,
        `keyvault-no-role-assignment ${IDS.orphanVault}`,
        `network-nsg-open-to-internet ${IDS.openNsg}`,
        `identity-standing-privileged-role ${OWNER_ASSIGNMENT}`,
      ]) {
        assert.ok(ids.includes(expected), `missing ${expected} in\n${ids.join('\n')}`);
      }
      // The web app's identity holds Key Vault Secrets User on kv-app, and kv-app sends its audit logs.
      assert.deepEqual(
        ids.filter((id) => id.endsWith(IDS.appVault)),
        [],
      );
      assert.equal(report.findings.find((f) => f.ruleId === 'keyvault-rbac-disabled')?.property, 'properties.enableRbacAuthorization');
    });

    it('reads every page of a listing (nextLink)', () => {
      const requests = scanRequests;
      assert.equal(requests.filter((r) => r.path === `/subscriptions/${SUBSCRIPTION_ID}/resources`).length, 3, 'eight resources in pages of three');
      assert.equal(requests.filter((r) => r.path.endsWith('/providers/Microsoft.Authorization/roleAssignments')).length, 2, 'three assignments in pages of two');
      // The Owner assignment is on the first page, kv-locked (whose read fails) on the last.
      assert.ok(report.problems.some((p) => p.scope === IDS.lockedVault));
    });

    it('retries a throttled read after the Retry-After it was given', () => {
      const reads = scanRequests.filter((r) => r.path === IDS.storage);
      assert.deepEqual(
        reads.map((r) => r.status),
        [429, 200],
      );
      assert.ok(reads[1].at - reads[0].at >= 1000, `retried after ${reads[1].at - reads[0].at} ms`);
      assert.match(scan.stderr, /answered 429 for \S+stappdata; retrying in 1 s/);
    });

    it('reports a resource it may not read, names the permission, and carries on', () => {
      const problem = report.problems.find((p) => p.scope === IDS.lockedVault);
      assert.equal(problem?.status, 403);
      assert.match(problem.message, /Microsoft\.KeyVault\/vaults\/read is missing/);
      assert.match(problem.message, /Reader role/);
      assert.match(scan.stderr, /no permission to read \S+kv-locked/);
      assert.equal(report.resourcesRead, 8, 'three vaults, the NSG, the storage account, the web app and its config/web, and kv-app’s diagnostic setting');
    });

    it('reads only the types the rules look at, each with an api-version', () => {
      const requests = scanRequests;
      assert.ok(!requests.some((r) => r.path.startsWith(IDS.publicIp)), 'the public IP address is not read');
      assert.deepEqual(
        requests.filter((r) => r.path !== '/msi/token' && !r.apiVersion),
        [],
      );
      assert.ok(requests.some((r) => r.path === `${IDS.webApp}/config/web`), 'the web app’s config/web is read');
    });

    it('signs in with the managed identity endpoint once for the whole scan', () => {
      assert.equal(scanRequests.filter((r) => r.path === '/msi/token').length, 1);
      assert.ok(standIn.issuedTokens.length >= 1);
    });
  });

  it('text: findings under each resource id, what was not read, and a summary', async () => {
    const text = await run(['--subscription', SUBSCRIPTION_ID]);
    assert.equal(text.status, 1, text.stderr);
    const lines = text.stdout.split('\n');
    const vault = lines.indexOf(IDS.legacyVault);
    assert.ok(vault >= 0, text.stdout);
    assert.match(lines[vault + 1], /^ {2}warning {2}Key Vault 'kv-legacy' uses access policies.* \(properties\.enableRbacAuthorization\) {2}keyvault-rbac-disabled$/);
    assert.match(text.stdout, /^Not read:\n {2}no permission to read \S+kv-locked: Microsoft\.KeyVault\/vaults\/read is missing/m);
    assert.match(lines.at(-2) ?? '', /^\d+ problems \(2 errors, \d+ warnings, \d+ info\); 8 resources read, 1 part of the scan failed\.$/);
  });

  it('resource groups: one the identity may not read is reported, the others are scanned', async () => {
    const groups = await run(['--subscription', SUBSCRIPTION_ID, '--resource-group', 'rg-app', '-g', 'rg-locked', '--format', 'json']);
    assert.equal(groups.status, 1, groups.stderr);
    const result = JSON.parse(groups.stdout) as JsonReport;
    assert.deepEqual(result.resourceGroups, ['rg-app', 'rg-locked']);
    assert.deepEqual(
      result.problems.map((p) => [p.scope, p.status]),
      [[RG_LOCKED, 403]],
    );
    assert.match(result.problems[0].message, /Microsoft\.Resources\/subscriptions\/resourceGroups\/resources\/read is missing/);
    assert.ok(found(result).includes(`keyvault-rbac-disabled ${IDS.legacyVault}`));
    // Assignments inherited from the subscription reach the resource group's listing too.
    assert.ok(found(result).includes(`identity-standing-privileged-role ${OWNER_ASSIGNMENT}`));
    assert.ok(result.findings.every((f) => !f.resourceId.startsWith(RG_LOCKED)));
    assert.ok(standIn.requests.some((r) => r.path === `${RG_APP}/providers/Microsoft.Authorization/roleAssignments`));
  });

  it('a subscription the identity may not read: exit 2, naming the scope, the permission and the role', async () => {
    const denied = await run(['--subscription', DENIED_SUBSCRIPTION_ID]);
    assert.equal(denied.status, 2);
    assert.equal(denied.stdout, '');
    assert.match(denied.stderr, new RegExp(`no permission to read /subscriptions/${DENIED_SUBSCRIPTION_ID}: Microsoft\\.Resources/subscriptions/resources/read is missing \\(403 AuthorizationFailed\\); the scan needs the Reader role`));
  });

  it('the config file decides severities and --fail-on the exit code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-azure-config-'));
    try {
      fs.writeFileSync(path.join(dir, 'ztlint.config.json'), JSON.stringify({ rules: { 'network-nsg-open-to-internet': 'warning', 'identity-standing-privileged-role': 'off' } }));
      const relaxed = await run(['--subscription', SUBSCRIPTION_ID, '-g', 'rg-app', '--format', 'json'], standInEnv(standIn), dir);
      assert.equal(relaxed.status, 0, relaxed.stderr);
      const result = JSON.parse(relaxed.stdout) as JsonReport;
      assert.equal(result.findings.find((f) => f.ruleId === 'network-nsg-open-to-internet')?.severity, 'warning');
      assert.ok(!result.findings.some((f) => f.ruleId === 'identity-standing-privileged-role'));
      const strict = await run(['--subscription', SUBSCRIPTION_ID, '-g', 'rg-app', '--fail-on', 'warning', '--output', path.join(dir, 'report.txt')], standInEnv(standIn), dir);
      assert.equal(strict.status, 1, strict.stderr);
      assert.equal(strict.stdout, '');
      assert.match(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), /network-nsg-open-to-internet/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drift: a vault that runs access policies where its template says RBAC', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-azure-drift-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'main.bicep'),
        `param location string = resourceGroup().location

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-legacy'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enablePurgeProtection: true
  }
}
`,
      );
      const drift = await run(['--subscription', SUBSCRIPTION_ID, '-g', 'rg-app', '--template', 'main.bicep', '--format', 'json'], standInEnv(standIn), dir);
      const result = JSON.parse(drift.stdout) as JsonReport;
      const vaultDrift = result.findings.filter((f) => f.drift && f.resourceId === IDS.legacyVault);
      assert.ok(vaultDrift.length > 0, drift.stdout);
      assert.deepEqual(vaultDrift[0].template, { file: 'main.bicep', line: 3, column: 1 });
      assert.match(vaultDrift.map((f) => `${f.ruleId} ${f.property ?? ''}`).join('\n'), /keyvault-rbac-disabled properties\.enableRbacAuthorization/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help exits 0; usage errors exit 2 before any call: no subscription, a malformed one, a plain-http endpoint off the machine', async () => {
    const before = standIn.requests.length;
    const help = await run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: ztlint azure --subscription <id> \[options\]\n[^]*Needs Reader on the scope/);
    const missing = await run([]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /--subscription is required/);
    const malformed = await run(['--subscription', 'not-a-guid']);
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /'not-a-guid' is not a subscription id/);
    const injected = await run(['--subscription', SUBSCRIPTION_ID, '-g', '../../providers']);
    assert.equal(injected.status, 2);
    const insecure = await run(['--subscription', SUBSCRIPTION_ID], standInEnv(standIn, { ZTLINT_ARM_ENDPOINT: 'http://management.example.com' }));
    assert.equal(insecure.status, 2);
    assert.match(insecure.stderr, /must be an https URL \(plain http only on a loopback host\)/);
    assert.equal(standIn.requests.length, before);
  });

  it('no credential: exit 2 and how to sign in, without calling Resource Manager', async () => {
    const before = standIn.requests.length;
    // Developer credentials only (no managed identity probe of the network), and no az, azd or pwsh on PATH.
    const none = await run(['--subscription', SUBSCRIPTION_ID], { ...standInEnv(undefined, { ZTLINT_ARM_ENDPOINT: standIn.armEndpoint, AZURE_TOKEN_CREDENTIALS: 'dev' }) });
    assert.equal(none.status, 2, none.stderr);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /^ztlint: no Azure credential found: sign in with `az login`.*workload identity federation/);
    assert.equal(standIn.requests.length, before);
  });

  it('never prints a token or the identity header', () => {
    assert.ok(runs.length >= 8);
    assert.ok(standIn.issuedTokens.length >= 1);
    for (const { stdout, stderr } of runs) {
      for (const secret of [...standIn.issuedTokens, standIn.identityHeader, 'fake-arm-token-', 'Bearer ']) {
        assert.ok(!stdout.includes(secret) && !stderr.includes(secret), `a run printed ${secret.slice(0, 12)}…`);
      }
    }
  });
});
