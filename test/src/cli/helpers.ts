import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ARM_VAULT, VAULT_BICEP } from '../lsp/fixtures';

export const REPO = path.resolve(__dirname, '../../..');
export const EXAMPLES = path.join(REPO, 'examples');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the ztlint command as a process, the way CI does; a report may be larger than spawnSync's 1 MB default. */
export function ztlintIn(cwd: string, ...args: string[]): Run {
  const run = spawnSync(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const temps: string[] = [];

/** A fresh temporary folder, removed after the test run; with `files`, written into it (paths relative to it). */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-cli-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A temporary copy of the repository's examples, as `<dir>/examples`. */
export function examplesCopy(): string {
  const dir = tempDir();
  fs.cpSync(EXAMPLES, path.join(dir, 'examples'), { recursive: true });
  return dir;
}

export const example = (relative: string) => fs.readFileSync(path.join(EXAMPLES, relative), 'utf8');

after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** The findings of a `--format json` report, flattened. */
export interface JsonFinding {
  readonly path: string;
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly startLine: number;
  readonly fix?: { readonly title: string; readonly safe: boolean };
}

export function jsonFindings(stdout: string): JsonFinding[] {
  const report = JSON.parse(stdout) as { files: { path: string; findings: Omit<JsonFinding, 'path'>[] }[] };
  return report.files.flatMap((file) => file.findings.map((f) => ({ ...f, path: file.path })));
}

/** One error: an NSG rule open to the internet on SSH. */
export const OPEN_NSG = `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg'
  location: 'westeurope'
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
    ]
  }
}
`;

/** Three warnings: public network access, shared keys, TLS 1.0 (the last with a safe fix). */
export const WEAK_STORAGE = `resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stg'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_0'
  }
}
`;

/**
 * Key Vaults in Bicep and ARM whose RBAC setting is a parameter without a default: only their parameter files give
 * it a value (false), so the fix edits the parameter files.
 */
export const VAULTS_WITH_PARAMETER_FILES: Readonly<Record<string, string>> = {
  'bicep/vault.bicep': `param enableRbac bool\n\n${VAULT_BICEP.replace('enableRbacAuthorization: false', 'enableRbacAuthorization: enableRbac')}`,
  'bicep/vault.bicepparam': "using './vault.bicep'\n\nparam enableRbac = false\n",
  'arm/vault.json': ARM_VAULT.replace('"enableRbacAuthorization": false', `"enableRbacAuthorization": "[parameters('enableRbac')]"`).replace('"resources":', '"parameters": { "enableRbac": { "type": "bool" } },\n  "resources":'),
  'arm/vault.parameters.json': `${JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { enableRbac: { value: false } } }, null, 2)}\n`,
};
