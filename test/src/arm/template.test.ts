import * as assert from 'node:assert/strict';
import { allResources, allTemplates, loadArm } from 'ztlint/arm/index';
import type { Expr, ObjectExpr } from 'ztlint/model/expr';
import type { Resource, Template } from 'ztlint/model/template';
import { shape as show } from '../support/shape';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function loadTemplate(text: string): Template {
  const loaded = loadArm(text);
  assert.deepEqual(loaded.diagnostics, []);
  assert.equal(loaded.kind, 'template');
  assert.ok(loaded.template);
  return loaded.template;
}

function entry(object: Expr | undefined, key: string): Expr {
  assert.ok(object?.kind === 'object', `expected an object holding ${key}`);
  const found = object.entries.find((e) => e.kind === 'property' && e.key === key);
  assert.ok(found, `no entry ${key}`);
  return found.value;
}

function text(source: string, node: { range: { start: number; end: number } }): string {
  return source.slice(node.range.start, node.range.end);
}

describe('ARM template model', () => {
  it('reads parameters, variables, functions and outputs', () => {
    const source = JSON.stringify(
      {
        $schema: SCHEMA,
        parameters: {
          name: { type: 'string', defaultValue: "[uniqueString(resourceGroup().id)]", metadata: { description: 'The name.' } },
          password: { type: 'secureString' },
          settings: { type: 'secureObject', defaultValue: {} },
          sku: { type: 'string', allowedValues: ['Standard', 'Premium'] },
        },
        variables: { prefix: "[concat('st', parameters('name'))]", escaped: '[[not an expression]' },
        functions: [
          {
            namespace: 'contoso',
            members: {
              label: {
                parameters: [{ name: 'base', type: 'string' }],
                output: { type: 'string', value: "[concat(parameters('base'), '-x')]" },
              },
            },
          },
        ],
        resources: [],
        outputs: {
          prefix: { type: 'string', value: "[variables('prefix')]" },
          secret: { type: 'secureString', value: "[parameters('password')]" },
        },
      },
      null,
      2,
    );
    const template = loadTemplate(source);
    assert.equal(template.language, 'arm');
    assert.equal(template.targetScope, 'resourceGroup');
    assert.equal(template.range.start, 0);
    assert.equal(template.range.end, source.length);
    assert.equal(template.parameterValues.size, 0);

    const [name, password, settings, sku] = template.parameters;
    assert.equal(name.name, 'name');
    assert.equal(text(source, { range: name.nameRange }), '"name"');
    assert.equal(name.type, 'string');
    assert.equal(name.secure, false);
    assert.equal(name.description, 'The name.');
    assert.equal(show(name.defaultValue!), 'uniqueString(resourceGroup().id)');
    assert.equal(password.secure, true);
    assert.equal(password.defaultValue, undefined);
    assert.equal(settings.secure, true);
    assert.equal(show(sku.allowedValues!), '["Standard", "Premium"]');

    const [prefix, escaped] = template.variables;
    assert.equal(show(prefix.value), 'concat("st", parameter:name)');
    assert.equal(text(source, prefix.value), `concat('st', parameters('name'))`);
    assert.deepEqual(escaped.value, { kind: 'literal', value: '[not an expression]', range: escaped.value.range });
    assert.equal(text(source, escaped.value), '"[[not an expression]"');

    assert.equal(template.functions.length, 1);
    assert.equal(template.functions[0].name, 'contoso.label');
    assert.deepEqual(template.functions[0].parameters, ['base']);
    assert.equal(show(template.functions[0].body), 'concat(local:base, "-x")');

    const [out, secret] = template.outputs;
    assert.equal(show(out.value), 'variable:prefix');
    assert.equal(out.secure, false);
    assert.equal(secret.secure, true);
    assert.equal(secret.type, 'secureString');
  });

  it('reads subscription, management group and tenant scopes from the schema', () => {
    const scopeOf = (schema: string) => loadTemplate(JSON.stringify({ $schema: schema, resources: [] })).targetScope;
    assert.equal(scopeOf('https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#'), 'subscription');
    assert.equal(scopeOf('https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#'), 'managementGroup');
    assert.equal(scopeOf('https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#'), 'tenant');
    assert.equal(scopeOf('http://SCHEMA.management.azure.com/schemas/2015-01-01/DeploymentTemplate.json#'), 'resourceGroup');
  });

  it('reads array resources with children, loops and conditions', () => {
    const source = JSON.stringify(
      {
        $schema: SCHEMA,
        resources: [
          {
            type: 'Microsoft.KeyVault/vaults',
            apiVersion: '2023-07-01',
            name: "[parameters('vaultName')]",
            condition: "[equals(parameters('env'), 'prod')]",
            properties: { enableRbacAuthorization: true },
            resources: [
              { type: 'secrets', apiVersion: '2023-07-01', name: 'mySecret', properties: { value: 'x' } },
              { type: 'Microsoft.KeyVault/vaults/keys', apiVersion: '2023-07-01', name: "[concat(parameters('vaultName'), '/k')]" },
            ],
          },
          {
            type: 'Microsoft.Storage/storageAccounts',
            apiVersion: '2023-01-01',
            name: "[concat('st', copyIndex())]",
            copy: { name: 'storageLoop', count: "[length(parameters('names'))]" },
          },
        ],
      },
      null,
      2,
    );
    const template = loadTemplate(source);
    const [vault, storage] = template.resources;
    assert.equal(vault.type, 'Microsoft.KeyVault/vaults');
    assert.equal(text(source, { range: vault.typeRange }), '"Microsoft.KeyVault/vaults"');
    assert.equal(vault.apiVersion, '2023-07-01');
    assert.equal(vault.symbolicName, undefined);
    assert.equal(vault.existing, false);
    assert.equal(show(vault.condition!), 'equals(parameter:env, "prod")');
    assert.equal(vault.body.range.start, vault.range.start);
    assert.equal(show(entry(entry(vault.body, 'properties'), 'enableRbacAuthorization')), 'true');
    assert.equal(vault.template, template);

    const [secret, key] = vault.children;
    assert.equal(secret.type, 'Microsoft.KeyVault/vaults/secrets');
    assert.equal(secret.parent, vault);
    assert.equal(show(secret.name), '"mySecret"');
    assert.equal(show(secret.fullName), 'concat(parameter:vaultName, "/", "mySecret")');
    assert.equal(key.type, 'Microsoft.KeyVault/vaults/keys');
    assert.equal(key.fullName, key.name);
    assert.deepEqual(allResources(template), [vault, secret, key, storage]);

    assert.equal(storage.loop?.name, 'storageLoop');
    assert.equal(show(storage.loop!.source), 'length(parameter:names)');
    assert.equal(storage.condition, undefined);
  });

  it('reads languageVersion 2.0 resources keyed by symbolic name', () => {
    const source = JSON.stringify({
      $schema: SCHEMA,
      languageVersion: '2.0',
      resources: {
        vault: { existing: true, type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv' },
        secret: {
          type: 'Microsoft.KeyVault/vaults/secrets',
          apiVersion: '2023-07-01',
          name: "[format('{0}/{1}', 'kv', 's')]",
          dependsOn: ['vault'],
        },
      },
    });
    const [vault, secret] = loadTemplate(source).resources;
    assert.equal(vault.symbolicName, 'vault');
    assert.equal(vault.existing, true);
    assert.equal(text(source, vault), `"vault":${JSON.stringify({ existing: true, type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv' })}`);
    assert.equal(secret.symbolicName, 'secret');
    assert.equal(secret.existing, false);
    assert.equal(show(entry(secret.body, 'dependsOn')), '["vault"]');
  });

  it('turns property, variable and output copy loops into for expressions', () => {
    const source = JSON.stringify(
      {
        $schema: SCHEMA,
        variables: {
          copy: [{ name: 'diskNames', count: 3, input: "[concat('disk', copyIndex('diskNames'))]" }],
          nested: { copy: [{ name: 'items', count: 2, input: { i: "[copyIndex('items')]" } }], other: 1 },
        },
        resources: [
          {
            type: 'Microsoft.Compute/virtualMachines',
            apiVersion: '2023-03-01',
            name: 'vm',
            properties: {
              storageProfile: {
                copy: [{ name: 'dataDisks', count: "[parameters('n')]", input: { lun: "[copyIndex('dataDisks')]" } }],
              },
            },
          },
        ],
        outputs: { ids: { type: 'array', copy: { count: 2, input: "[copyIndex()]" } } },
      },
      null,
      2,
    );
    const template = loadTemplate(source);
    const [diskNames, nested] = template.variables;
    assert.equal(diskNames.name, 'diskNames');
    assert.equal(text(source, { range: diskNames.nameRange }), '"diskNames"');
    assert.equal(show(diskNames.value), '[for , in 3: concat("disk", copyIndex("diskNames"))]');
    assert.equal(show(nested.value), '{items: [for , in 2: {i: copyIndex("items")}], other: 1}');
    const storageProfile = entry(entry(template.resources[0].body, 'properties'), 'storageProfile');
    assert.equal(show(storageProfile), '{dataDisks: [for , in parameter:n: {lun: copyIndex("dataDisks")}]}');
    assert.equal(show(template.outputs[0].value), '[for , in 2: copyIndex()]');
  });

  describe('nested deployments', () => {
    const source = JSON.stringify(
      {
        $schema: SCHEMA,
        parameters: { outerName: { type: 'string' } },
        resources: [
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: 'innerScoped',
            properties: {
              mode: 'Incremental',
              expressionEvaluationOptions: { scope: 'inner' },
              parameters: {
                name: { value: "[parameters('outerName')]" },
                secret: { reference: { keyVault: { id: '/subscriptions/x' }, secretName: 's' } },
              },
              template: {
                $schema: SCHEMA,
                parameters: { name: { type: 'string' }, secret: { type: 'securestring' } },
                resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[parameters('name')]" }],
              },
            },
          },
          {
            type: 'Microsoft.Resources/deployments',
            apiVersion: '2022-09-01',
            name: "[concat('outer-', parameters('outerName'))]",
            properties: {
              mode: 'Incremental',
              template: {
                $schema: SCHEMA,
                resources: [
                  {
                    type: 'Microsoft.Resources/deployments',
                    apiVersion: '2022-09-01',
                    name: 'deeper',
                    properties: { mode: 'Incremental', template: { $schema: SCHEMA, resources: [] } },
                  },
                ],
              },
            },
          },
        ],
      },
      null,
      2,
    );

    it('gives an inner-scoped template its own names and parameter values evaluated outside', () => {
      const root = loadTemplate(source);
      const deployment = root.resources[0];
      const inner = deployment.nestedTemplate!;
      assert.ok(inner);
      assert.equal(inner.parentDeployment, deployment);
      assert.equal(inner.expressionScope, undefined);
      assert.equal(inner.range, (entry(entry(deployment.body, 'properties'), 'template') as ObjectExpr).range);
      assert.deepEqual(inner.parameters.map((p) => [p.name, p.secure]), [['name', false], ['secret', true]]);
      const supplied = inner.parameterValues.get('name')!;
      assert.equal(show(supplied.value), 'parameter:outerName');
      assert.equal(supplied.scope, root);
      assert.equal(supplied.source, "deployment 'innerScoped'");
      assert.match(text(source, supplied), /^"name": \{\s*"value": "\[parameters\('outerName'\)\]"\s*\}$/);
      assert.equal(inner.parameterValues.get('secret')?.value.kind, 'invalid');
      assert.equal(show(inner.resources[0].name), 'parameter:name');
      assert.equal(inner.resources[0].template, inner);
    });

    it('evaluates an outer-scoped template (the default) in the outermost inner-scoped template', () => {
      const root = loadTemplate(source);
      const outer = root.resources[1].nestedTemplate!;
      assert.equal(outer.expressionScope, root);
      const deeper = outer.resources[0].nestedTemplate!;
      assert.equal(deeper.expressionScope, root);
      assert.equal(deeper.parentDeployment, outer.resources[0]);
    });

    it('lists every template, parents first', () => {
      const root = loadTemplate(source);
      const all = allTemplates(root);
      assert.equal(all.length, 4);
      assert.equal(all[0], root);
      assert.deepEqual(
        all.slice(1).map((t) => show((t.parentDeployment as Resource).name)),
        ['"innerScoped"', 'concat("outer-", parameter:outerName)', '"deeper"'],
      );
    });
  });
});
