import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../cli/helpers';
import { crashOf, ztlintGuarded } from './cli';
import { ordersDeployment } from '../support/workloads';

/** Obviously fake secrets, each different so that a leak says which file and rule it came from. */
const SECRETS = {
  bicepPassword: 'Example-Only-Not-A-Secret-Bicep-Pw1',
  bicepVariable: 'Example-Only-Not-A-Secret-Bicep-Var2',
  bicepAccountKey: 'RXhhbXBsZU9ubHlOb3RBU2VjcmV0QmljZXBLZXk=',
  bicepParamPassword: 'Example-Only-Not-A-Secret-Bicepparam3',
  armPassword: 'Example-Only-Not-A-Secret-Arm-Pw4',
  armAccountKey: 'RXhhbXBsZU9ubHlOb3RBU2VjcmV0QXJtS2V5MDA=',
  armParametersSecret: 'Example-Only-Not-A-Secret-ArmParams5',
  k8sClientSecret: 'Example~Only~Not~A~Secret~K8s~Env6',
  k8sStringData: 'Example-Only-Not-A-Secret-K8s-String7',
  k8sData: 'Example-Only-Not-A-Secret-K8s-Data8',
  k8sConfigMap: 'Example-Only-Not-A-Secret-K8s-Cm9',
};
const base64 = (s: string) => Buffer.from(s).toString('base64');

const FILES: Record<string, string> = {
  'infra/main.bicep': `param location string = resourceGroup().location

var adminPassword = '${SECRETS.bicepVariable}'

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: location
  properties: {
    administratorLogin: 'orders'
    administratorLoginPassword: '${SECRETS.bicepPassword}'
  }
}

resource sql2 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-reports'
  location: location
  properties: {
    administratorLogin: 'reports'
    administratorLoginPassword: adminPassword
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-orders'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'STORAGE'
          value: 'DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${SECRETS.bicepAccountKey};EndpointSuffix=core.windows.net'
        }
      ]
    }
  }
}

output sqlPassword string = adminPassword
`,
  'infra/main.bicepparam': `using 'main.bicep'

param adminPassword = '${SECRETS.bicepParamPassword}'
`,
  'arm/azuredeploy.json': `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clientSecret": { "type": "string" }
  },
  "resources": [
    {
      "type": "Microsoft.Sql/servers",
      "apiVersion": "2023-05-01-preview",
      "name": "sql-orders",
      "location": "westeurope",
      "properties": { "administratorLogin": "orders", "administratorLoginPassword": "${SECRETS.armPassword}" }
    },
    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-12-01",
      "name": "app-orders",
      "location": "westeurope",
      "properties": {
        "siteConfig": {
          "connectionStrings": [
            {
              "name": "Storage",
              "connectionString": "DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${SECRETS.armAccountKey};EndpointSuffix=core.windows.net",
              "type": "Custom"
            }
          ]
        }
      }
    }
  ]
}
`,
  'arm/azuredeploy.parameters.json': `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clientSecret": { "value": "${SECRETS.armParametersSecret}" }
  }
}
`,
  'k8s/app.yaml': `${ordersDeployment({ container: '          env:\n' })}            - name: AZURE_CLIENT_ID
              value: 00000000-0000-0000-0000-000000000000
            - name: AZURE_CLIENT_SECRET
              value: ${SECRETS.k8sClientSecret}
---
apiVersion: v1
kind: Secret
metadata:
  name: orders
type: Opaque
stringData:
  password: ${SECRETS.k8sStringData}
data:
  apiKey: ${base64(SECRETS.k8sData)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: orders
data:
  DB_PASSWORD: "${SECRETS.k8sConfigMap}"
`,
};

/** What of a secret must never be printed: the value, and its base64 for the Secret's `data`. */
const FORBIDDEN = Object.entries(SECRETS).flatMap(([name, value]) => [
  [name, value],
  [`${name} (base64)`, base64(value)],
  // a long enough piece to be usable: all but the first 3 characters the masked form may show
  [`${name} (tail)`, value.slice(3)],
]);

function leaks(where: string, text: string): string[] {
  return FORBIDDEN.filter(([, value]) => text.includes(value)).map(([name]) => `${where} shows ${name}`);
}

describe('robustness: secrets are never printed in full', function () {
  this.timeout(60_000);
  const PROCESS_TIMEOUT = 45_000;
  let dir: string;
  let out: string;

  before(() => {
    dir = tempDir(FILES);
    out = tempDir();
  });

  it('finds the fixtures\u2019 secrets (so that the checks below mean something)', () => {
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--format', 'json', '.');
    assert.equal(crashOf(run), undefined);
    const report = JSON.parse(run.stdout) as { files: { path: string; findings: { ruleId: string }[]; ruleFailures?: unknown }[] };
    const rules = new Map(report.files.map((f) => [f.path, new Set(f.findings.map((x) => x.ruleId))]));
    const expect: [string, string][] = [
      ['infra/main.bicep', 'secrets-literal-password'],
      ['infra/main.bicep', 'secrets-connection-string'],
      ['infra/main.bicepparam', 'secrets-literal-password'],
      ['arm/azuredeploy.json', 'secrets-literal-password'],
      ['arm/azuredeploy.json', 'secrets-connection-string'],
      ['arm/azuredeploy.parameters.json', 'secrets-literal-password'],
      ['k8s/app.yaml', 'kubernetes-azure-credentials-in-env'],
      ['k8s/app.yaml', 'secrets-kubernetes-secret-manifest'],
      ['k8s/app.yaml', 'secrets-kubernetes-configmap-credentials'],
    ];
    assert.deepEqual(
      expect.filter(([file, rule]) => !rules.get(file)?.has(rule)),
      [],
      JSON.stringify([...rules].map(([f, r]) => [f, [...r]])),
    );
    assert.deepEqual(
      report.files.filter((f) => f.ruleFailures),
      [],
    );
  });

  for (const format of ['text', 'json', 'sarif', 'html']) {
    for (const strict of [false, true]) {
      it(`${format}${strict ? ' --strict' : ''}: standard output, standard error and --output`, () => {
        const flags = ['--format', format, ...(strict ? ['--strict'] : [])];
        const toStdout = ztlintGuarded(dir, PROCESS_TIMEOUT, ...flags, '.');
        assert.equal(crashOf(toStdout), undefined);
        assert.equal(toStdout.status, 1, 'the findings fail the run');
        assert.ok(toStdout.stdout.length > 0);
        const file = path.join(out, `report-${strict ? 'strict-' : ''}.${format}`);
        const toFile = ztlintGuarded(dir, PROCESS_TIMEOUT, ...flags, '--output', file, '.');
        assert.equal(crashOf(toFile), undefined);
        const written = fs.readFileSync(file, 'utf8');
        assert.ok(written.length > 0);
        assert.deepEqual([...leaks('stdout', toStdout.stdout), ...leaks('stderr', toStdout.stderr), ...leaks('stderr with --output', toFile.stderr), ...leaks('stdout with --output', toFile.stdout), ...leaks('the report file', written)], []);
      });
    }
  }

  it('a written baseline holds no secret', () => {
    const baseline = path.join(out, 'baseline.json');
    const run = ztlintGuarded(dir, PROCESS_TIMEOUT, '--write-baseline', baseline, '.');
    assert.equal(crashOf(run), undefined);
    assert.deepEqual([...leaks('stdout', run.stdout), ...leaks('stderr', run.stderr), ...leaks('the baseline', fs.readFileSync(baseline, 'utf8'))], []);
  });
});
