import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAzure, standInEnv } from './runAzure';
import { startArmStandIn } from './standin/armStandIn';
import { IDS, SUBSCRIPTION_ID } from './standin/deployedState';

const REPO = path.resolve(__dirname, '../../..');
const MULTITOOL: string = require('@microsoft/sarif-multitool-linux');

interface SarifLog {
  readonly runs: {
    readonly tool: { readonly driver: { readonly rules: { readonly id: string }[] } };
    readonly results: { ruleId: string; ruleIndex?: number; level: string; locations: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine: number } }; logicalLocations?: { fullyQualifiedName: string; kind: string }[] }[]; partialFingerprints: Record<string, string> }[];
    readonly invocations: { toolExecutionNotifications: { message: { text: string }; locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }[] }[];
  }[];
}

/** Declares kv-legacy on RBAC; the deployed vault runs access policies. */
const TEMPLATE = `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-legacy'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
  }
}
`;

describe('ztlint azure --format sarif', () => {
  let dir = '';
  let log: SarifLog;
  /** the Multitool's findings on the log: level and rule, with the message's arguments */
  let validation: string[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-azure-sarif-'));
    const standIn = await startArmStandIn();
    const sarif = path.join(dir, 'deployed.sarif');
    try {
      fs.writeFileSync(path.join(dir, 'main.bicep'), TEMPLATE);
      const run = await runAzure(standInEnv(standIn), ['--subscription', SUBSCRIPTION_ID, '--template', 'main.bicep', '--format', 'sarif', '--output', sarif], dir);
      assert.equal(run.status, 1, run.stderr);
    } finally {
      await standIn.close();
    }
    log = JSON.parse(fs.readFileSync(sarif, 'utf8')) as SarifLog;
    const output = path.join(dir, 'validation.sarif');
    const check = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--output', output, sarif], { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } });
    assert.equal(check.status, 0, `the Multitool did not run: ${check.error?.message ?? ''}${check.stdout}${check.stderr}`);
    const results: { level: string; ruleId: string; message: { text?: string; arguments?: string[] } }[] = JSON.parse(fs.readFileSync(output, 'utf8')).runs[0].results ?? [];
    validation = results.map((r) => `${r.level} ${r.ruleId}: ${r.message.text ?? (r.message.arguments ?? []).join(' | ')}`);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes the SARIF Multitool’s SARIF and GitHub rules', () => {
    assert.deepEqual(
      validation.filter((v) => v.startsWith('error')),
      [],
      validation.join('\n'),
    );
  });

  // The Multitool does not check this one: GitHub rejects the whole log when a result has no file location.
  it('gives every result a physical location as GitHub code scanning requires: the resource id as a path', () => {
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation?.artifactLocation?.uri);
    assert.ok(uris.length > 0);
    assert.ok(uris.includes(IDS.legacyVault.slice(1)), uris.join('\n'));
    assert.deepEqual(
      uris.filter((uri) => !uri || uri.startsWith('/')),
      [],
    );
  });

  it('points drift at the template declaration, and still names the resource', () => {
    const drift = log.runs[0].results.filter((r) => r.locations[0].physicalLocation?.artifactLocation?.uri === 'main.bicep');
    assert.deepEqual(
      drift.map((r) => [r.ruleId, r.locations[0].physicalLocation?.region?.startLine, r.locations[0].logicalLocations?.[0].fullyQualifiedName]),
      [['keyvault-rbac-disabled', 1, IDS.legacyVault]],
    );
  });

  it('locates each finding at its resource id, as a logical location', () => {
    const [run] = log.runs;
    const located = run.results.map((r) => `${r.ruleId} ${r.locations[0].logicalLocations?.[0].fullyQualifiedName} ${r.locations[0].logicalLocations?.[0].kind}`);
    assert.ok(located.includes(`keyvault-rbac-disabled ${IDS.legacyVault} resource`), located.join('\n'));
    assert.ok(located.includes(`network-nsg-open-to-internet ${IDS.openNsg} resource`), located.join('\n'));
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex ?? -1]?.id, result.ruleId);
    assert.equal(new Set(run.results.map((r) => r.partialFingerprints['ztlintFingerprint/v1'])).size, run.results.length, 'one fingerprint per result');
  });

  it('reports what it could not read as a tool notification at that scope', () => {
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(
      notes.map((n) => n.locations[0].logicalLocations[0].fullyQualifiedName),
      [IDS.lockedVault],
    );
    assert.match(notes[0].message.text, /Microsoft\.KeyVault\/vaults\/read is missing/);
  });

  it('describes the rules exactly as the file scan’s SARIF does', () => {
    const empty = fs.mkdtempSync(path.join(dir, 'files-'));
    const files = spawnSync(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), '--format', 'sarif', '.'], { cwd: empty, encoding: 'utf8' });
    assert.equal(files.status, 0, files.stderr);
    assert.deepEqual(log.runs[0].tool.driver.rules, (JSON.parse(files.stdout) as SarifLog).runs[0].tool.driver.rules);
  });
});
