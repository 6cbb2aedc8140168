import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { parameterFilesFor } from 'ztlint/engine/parameterFiles';

const ARM_TEMPLATE = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [] }';
const ARM_PARAMETERS = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {} }';

describe('parameter files that belong to a template', () => {
  const root = path.resolve('/project');
  const at = (file: string) => path.join(root, file);

  it('matches a .bicepparam by the template its `using` names, relative to the parameter file', () => {
    const template = analyzeDocument(at('infra/main.bicep'), 'param x string');
    const candidates = [
      analyzeDocument(at('infra/main.bicepparam'), "using './main.bicep'\nparam x = 'a'"),
      analyzeDocument(at('infra/env/prod.bicepparam'), "using '../main.bicep'\nparam x = 'b'"),
      analyzeDocument(at('infra/other.bicepparam'), "using './other.bicep'\nparam x = 'c'"),
      analyzeDocument(at('infra/registry.bicepparam'), "using 'br/public:avm/res/key-vault/vault:0.1.0'\n"),
    ];
    assert.deepEqual(parameterFilesFor(template, candidates).map((d) => path.relative(root, d.path)), [path.join('infra', 'main.bicepparam'), path.join('infra', 'env', 'prod.bicepparam')]);
  });

  it('matches ARM x.parameters.json and x.parameters.<env>.json beside x.json, nothing else', () => {
    const template = analyzeDocument(at('azuredeploy.json'), ARM_TEMPLATE);
    const candidates = ['azuredeploy.parameters.json', 'azuredeploy.parameters.prod.json', 'other.parameters.json', 'sub/azuredeploy.parameters.json', 'azuredeploy.parametersX.json'].map((f) =>
      analyzeDocument(at(f), ARM_PARAMETERS),
    );
    candidates.push(analyzeDocument(at('azuredeploy.parameters.dev.json'), '{ "not": "a parameter file" }'));
    assert.deepEqual(parameterFilesFor(template, candidates).map((d) => path.basename(d.path)), ['azuredeploy.parameters.json', 'azuredeploy.parameters.prod.json']);
  });

  it('finds none for Kubernetes manifests', () => {
    const manifest = analyzeDocument(at('app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    assert.deepEqual(parameterFilesFor(manifest, [analyzeDocument(at('app.parameters.json'), ARM_PARAMETERS)]), []);
  });
});
