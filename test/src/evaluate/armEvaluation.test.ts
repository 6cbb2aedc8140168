import * as assert from 'node:assert/strict';
import { loadArm } from 'ztlint/arm/index';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import { describeValue } from 'ztlint/model/describe';
import { lookup } from 'ztlint/model/lookup';
import type { Template } from 'ztlint/model/template';
import { allTemplates } from 'ztlint/model/walk';
import { toJson, type Value } from 'ztlint/model/value';
import { LineIndex } from 'ztlint/text/lineIndex';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function template(body: Record<string, unknown>): { text: string; template: Template } {
  const text = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...body }, null, 2);
  const loaded = loadArm(text);
  assert.deepEqual(loaded.diagnostics, [], 'the fixture loads');
  return { text, template: loaded.template! };
}

/** Evaluates the `probe` output of a template built from `body`. */
function probe(body: Record<string, unknown>, evaluator = new Evaluator()): { value: Value; text: string } {
  const { text, template: t } = template(body);
  const output = t.outputs.find((o) => o.name === 'probe');
  assert.ok(output, 'the fixture has a `probe` output');
  return { value: evaluator.evaluate(output.value, t), text };
}

const output = (value: unknown) => ({ probe: { type: 'object', value } });
const slice = (text: string, value: Value) => text.slice(value.range.start, value.range.end);

describe('evaluating ARM templates', () => {
  it('takes a parameter default, matching the name case-insensitively, and points at the default in the JSON', () => {
    const { value, text } = probe({ parameters: { enableRbac: { type: 'bool', defaultValue: false } }, outputs: output("[parameters('EnableRbac')]") });
    assert.equal(toJson(value), false);
    assert.equal(slice(text, value), 'false');
    const index = new LineIndex(text);
    assert.equal(describeValue(value, (r) => index.positionAt(r.start).line + 1), 'false, from the default of parameter `enableRbac` (line 5)');
  });

  it('says why a parameter without a default is unknown', () => {
    const { value } = probe({ parameters: { vaultName: { type: 'string' } }, outputs: output("[parameters('vaultName')]") });
    assert.equal(value.kind === 'unknown' && value.reason, 'parameter `vaultName` has no default');
  });

  it('evaluates variables, concat, format, if and the [[ literal escape', () => {
    const body = {
      parameters: { env: { type: 'string', defaultValue: 'prod' } },
      variables: { prefix: "[concat('kv-', parameters('env'))]", action: "[if(equals(parameters('env'), 'prod'), 'Deny', 'Allow')]" },
      outputs: {
        probe: {
          type: 'object',
          value: { name: "[format('{0}-{1}', variables('prefix'), 7)]", action: "[variables('action')]", literal: '[[not an expression]', text: "[toUpper('it''s')]" },
        },
      },
    };
    assert.deepEqual(toJson(probe(body).value), { name: 'kv-prod-7', action: 'Deny', literal: '[not an expression]', text: "IT'S" });
  });

  it('finds the declared resource a resourceId() names', () => {
    const { value } = probe({
      parameters: { vaultName: { type: 'string', defaultValue: 'kv-orders' } },
      resources: [{ type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: "[parameters('vaultName')]", properties: {} }],
      outputs: output("[resourceId('Microsoft.KeyVault/vaults', 'kv-orders')]"),
    });
    assert.ok(value.kind === 'resource' && value.aspect === 'id' && value.resource.type === 'Microsoft.KeyVault/vaults');
  });

  it('unrolls a property copy loop with a known count', () => {
    const { value } = probe({
      resources: [],
      outputs: output({ copy: [{ name: 'rules', count: 2, input: { access: 'Allow' } }] }),
    });
    assert.deepEqual(toJson(value), { rules: [{ access: 'Allow' }, { access: 'Allow' }] });
  });

  describe('nested deployments', () => {
    const nested = (scope: 'inner' | 'outer') =>
      template({
        parameters: { enableRbac: { type: 'bool', defaultValue: true } },
        resources: [
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'vault-deployment',
            properties: {
              mode: 'Incremental',
              expressionEvaluationOptions: { scope },
              parameters: { rbac: { value: false } },
              template: {
                $schema: SCHEMA,
                contentVersion: '1.0.0.0',
                parameters: { rbac: { type: 'bool' }, enableRbac: { type: 'bool', defaultValue: 'not used in outer scope' } },
                resources: [
                  {
                    type: 'Microsoft.KeyVault/vaults',
                    apiVersion: '2023-07-01',
                    name: 'kv',
                    properties: { enableRbacAuthorization: scope === 'inner' ? "[parameters('rbac')]" : "[parameters('enableRbac')]" },
                  },
                ],
              },
            },
          },
        ],
      });

    it('evaluates an inner-scope template with the values its deployment passes', () => {
      const { text, template: root } = nested('inner');
      const vault = allTemplates(root)[1].resources[0];
      const result = lookup(new Evaluator().resourceBody(vault), 'properties.enableRbacAuthorization');
      assert.equal(result.state, 'known');
      if (result.state !== 'known') return;
      assert.equal(toJson(result.value), false);
      assert.equal(slice(text, result.value), 'false');
      assert.deepEqual(result.value.via.map((h) => [h.kind, h.name, h.source]), [['parameter-value', 'rbac', "deployment 'vault-deployment'"]]);
    });

    it('evaluates an outer-scope template with the names of the template around it', () => {
      const { template: root } = nested('outer');
      const vault = allTemplates(root)[1].resources[0];
      const result = lookup(new Evaluator().resourceBody(vault), 'properties.enableRbacAuthorization');
      assert.equal(result.state === 'known' && toJson(result.value), true);
    });

    it("evaluates a deployment's body without its inline template, which is a template of its own", () => {
      const { text, template: root } = nested('inner');
      const body = new Evaluator().resourceBody(root.resources[0]);
      const parameters = lookup(body, 'properties.parameters.rbac.value');
      assert.equal(parameters.state === 'known' && toJson(parameters.value), false);
      const inline = lookup(body, 'properties.template');
      assert.equal(inline.state, 'unknown');
      if (inline.state !== 'unknown') return;
      assert.equal(inline.value.reason, 'an inline template is evaluated as a template of its own');
      assert.ok(slice(text, inline.value).startsWith('{'), 'it points at the inline template');
    });
  });

  it('takes values from an ARM parameter file, and a Key Vault reference stays unknown', () => {
    const { template: t } = template({
      parameters: { enableRbac: { type: 'bool', defaultValue: true }, adminPassword: { type: 'securestring' } },
      outputs: { rbac: { type: 'bool', value: "[parameters('enableRbac')]" }, password: { type: 'string', value: "[parameters('adminPassword')]" } },
    });
    const paramsText = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      parameters: { enableRbac: { value: false }, adminPassword: { reference: { keyVault: { id: '/subscriptions/x/vault' }, secretName: 'admin' } } },
    });
    const params = loadArm(paramsText).parameterFile!;
    const evaluator = new Evaluator({ parameterFile: params, parameterFilePath: '/infra/main.parameters.json' });
    const rbac = evaluator.evaluate(t.outputs[0].value, t);
    assert.equal(toJson(rbac), false);
    assert.equal(paramsText.slice(rbac.range.start, rbac.range.end), 'false');
    assert.equal(rbac.via[0].file, '/infra/main.parameters.json');
    const password = evaluator.evaluate(t.outputs[1].value, t);
    assert.equal(password.kind === 'unknown' && password.reason, 'parameter `adminPassword` is a Key Vault reference in the parameter file main.parameters.json');
  });
});
