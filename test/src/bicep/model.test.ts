import * as assert from 'node:assert/strict';
import { loadBicep } from 'ztlint/bicep/index';
import { shape } from '../support/shape';
import type { Expr } from 'ztlint/model/expr';
import type { ParameterFile, Resource, Template } from 'ztlint/model/template';
import type { Range } from 'ztlint/text/range';

function template(text: string): Template {
  const load = loadBicep(text, 'main.bicep');
  assert.deepEqual(
    load.diagnostics.map((d) => d.message),
    [],
  );
  assert.ok(load.template);
  return load.template;
}

const slice = (text: string, range: Range) => text.slice(range.start, range.end);

/** `var x = <source>` lowered, in a file that also declares `text`. */
function lowered(source: string, declarations = ''): { text: string; expr: Expr } {
  const text = `${declarations}\nvar x = ${source}`;
  const variable = template(text).variables.find((v) => v.name === 'x');
  assert.ok(variable);
  return { text, expr: variable.value };
}

describe('bicep model', () => {
  it('lowers operators to ARM functions', () => {
    const cases: [string, string][] = [
      ['a == b', 'equals(parameter:a, parameter:b)'],
      ['a != b', 'not(equals(parameter:a, parameter:b))'],
      ['a =~ b', 'equals(toLower(parameter:a), toLower(parameter:b))'],
      ['a !~ b', 'not(equals(toLower(parameter:a), toLower(parameter:b)))'],
      ['a < b', 'less(parameter:a, parameter:b)'],
      ['a <= b', 'lessOrEquals(parameter:a, parameter:b)'],
      ['a > b', 'greater(parameter:a, parameter:b)'],
      ['a >= b', 'greaterOrEquals(parameter:a, parameter:b)'],
      ['a && b || !a', 'or(and(parameter:a, parameter:b), not(parameter:a))'],
      ['a + b - a * b / a % b', 'sub(add(parameter:a, parameter:b), mod(div(mul(parameter:a, parameter:b), parameter:a), parameter:b))'],
      ['a ?? b', 'coalesce(parameter:a, parameter:b)'],
      ['-5', '-5'],
      ['-a', 'negate(parameter:a)'],
      ['a!', 'parameter:a'],
      ['(a)', 'parameter:a'],
      ['a ? 1 : 2', '(parameter:a ? 1 : 2)'],
      ['a.?b.c', 'parameter:a.?b.c'],
      ["a[?'k']", "parameter:a[?\"k\"]"],
      ['a[^1]', 'parameter:a[sub(length(parameter:a), 1)]'],
    ];
    for (const [source, expected] of cases) {
      assert.equal(shape(lowered(source, 'param a bool\nparam b bool').expr), expected, source);
    }
  });

  it('gives operator calls the range of the whole operation and the operator as name range', () => {
    const { text, expr } = lowered('a != b', 'param a int\nparam b int');
    assert.ok(expr.kind === 'call');
    assert.equal(slice(text, expr.range), 'a != b');
    assert.equal(slice(text, expr.nameRange), '!=');
    const inner = expr.args[0];
    assert.ok(inner.kind === 'call');
    assert.equal(slice(text, inner.args[1].range), 'b');
  });

  it('lowers strings: plain to literals, interpolated to concat with pieces pointing inside the quotes', () => {
    const plain = lowered("'it\\'s'");
    assert.deepEqual(plain.expr.kind === 'literal' && plain.expr.value, "it's");
    assert.equal(slice(plain.text, plain.expr.range), "'it\\'s'");
    const { text, expr } = lowered("'kv-${name}-${1}x'", 'param name string');
    assert.equal(shape(expr), 'concat("kv-", parameter:name, "-", 1, "x")');
    assert.ok(expr.kind === 'call');
    assert.deepEqual(
      expr.args.map((a) => slice(text, a.range)),
      ['kv-', 'name', '-', '1', 'x'],
    );
    assert.equal(shape(lowered("'''\nmulti\nline'''").expr), '"multi\\nline"');
  });

  it('resolves names by scope', () => {
    const declarations = [
      'param p string',
      'var v = 1',
      "resource r 'Microsoft.Storage/storageAccounts@2023-01-01' existing = { name: 'r' }",
      "module m './m.bicep' = { name: 'm' }",
      'func f(a int) int => a',
      "import { imported } from 'types.bicep'",
      "import * as ns from 'types.bicep'",
    ].join('\n');
    assert.equal(shape(lowered('[p, v, r, m, imported, ns, nope]', declarations).expr), '[parameter:p, variable:v, resource:r, module:m, import:imported, import:ns, unresolved:nope]');
    assert.equal(shape(lowered('[for (item, i) in range(0, 2): item + i + v]', declarations).expr), '[for item,i in range(0, 2): add(add(local:item, local:i), variable:v)]');
    assert.equal(shape(lowered('map([1], (v, i) => v + i)', declarations).expr), 'map([1], (v, i) => add(local:v, local:i))');
    assert.equal(shape(lowered('[for i in range(0, 3): if (i > 0) { n: i }]').expr), '[for i, in range(0, 3): if greater(local:i, 0) {n: local:i}]');
    const t = template(`${declarations}\nfunc g(x int) int => x + p`);
    assert.equal(shape(t.functions[1].body), 'add(local:x, parameter:p)');
  });

  it('lowers namespaced and instance calls', () => {
    const declarations = "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = { name: 'kv' }";
    assert.equal(shape(lowered('az.resourceGroup().location', declarations).expr), 'az.resourceGroup().location');
    assert.equal(shape(lowered("sys.concat('a', 'b')", declarations).expr), 'sys.concat("a", "b")');
    assert.equal(shape(lowered("kv.getSecret('s')", declarations).expr), 'getSecret(resource:kv, "s")');
  });

  it('reads parameters: type text, secure, description, allowed values, defaults, resource types', () => {
    const text = [
      '@secure()',
      "@sys.description('The password')",
      '@minLength(8)',
      'param password string',
      "@allowed(['a', 'b'])",
      "param sku 'a' | 'b' = 'a'",
      'param tags { *: string }?',
      "param vault resource 'Microsoft.KeyVault/vaults@2023-07-01'",
    ].join('\n');
    const [password, sku, tags, vault] = template(text).parameters;
    assert.equal(password.secure, true);
    assert.equal(password.description, 'The password');
    assert.deepEqual(
      password.decorators.map((d) => d.name),
      ['secure', 'description', 'minLength'],
    );
    assert.equal(slice(text, password.range), "@secure()\n@sys.description('The password')\n@minLength(8)\nparam password string");
    assert.equal(slice(text, password.nameRange), 'password');
    assert.equal(sku.type, "'a' | 'b'");
    assert.equal(sku.secure, false);
    assert.equal(shape(sku.allowedValues!), '["a", "b"]');
    assert.equal(shape(sku.defaultValue!), '"a"');
    assert.equal(tags.type, '{ *: string }?');
    assert.equal(vault.resourceType, 'Microsoft.KeyVault/vaults@2023-07-01');
  });

  it('reads resources: composed child types, inherited API versions, parents, full names, flags, loops', () => {
    const text = [
      "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {",
      "  name: 'vault'",
      '  properties: {',
      '    tenantId: tenant().tenantId',
      '  }',
      "  resource secret 'secrets' = {",
      "    name: 'pw'",
      '  }',
      "  resource key 'keys@2024-01-01' = {",
      "    name: 'k'",
      '  }',
      '}',
      "resource other 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (deploy) {",
      '  parent: kv',
      "  name: 'other'",
      '}',
      "resource many 'Microsoft.Storage/storageAccounts@2023-01-01' = [for (n, i) in names: if (i > 0) {",
      '  name: n',
      '}]',
      "resource old 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {",
      "  name: 'old'",
      '}',
      'param deploy bool',
      'param names array',
      'output secretId string = kv::secret.id',
    ].join('\n');
    const t = template(text);
    const [kv, other, many, old] = t.resources;
    assert.equal(kv.type, 'Microsoft.KeyVault/vaults');
    assert.equal(kv.apiVersion, '2023-07-01');
    assert.equal(slice(text, kv.typeRange), "'Microsoft.KeyVault/vaults@2023-07-01'");
    assert.equal(kv.symbolicName, 'kv');
    assert.equal(shape(kv.name), '"vault"');
    assert.equal(kv.template, t);
    assert.deepEqual(
      kv.body.entries.map((e) => e.kind === 'property' && e.key),
      ['name', 'properties'],
    );

    const [secret, key] = kv.children;
    assert.equal(secret.type, 'Microsoft.KeyVault/vaults/secrets');
    assert.equal(secret.apiVersion, '2023-07-01');
    assert.equal(secret.parent, kv);
    assert.equal(secret.symbolicName, 'kv::secret');
    assert.equal(shape(secret.fullName), 'concat("vault", "/", "pw")');
    assert.equal(key.apiVersion, '2024-01-01');

    assert.equal(other.parent, kv);
    assert.equal(other.type, 'Microsoft.KeyVault/vaults/secrets');
    assert.equal(shape(other.fullName), 'concat("vault", "/", "other")');
    assert.equal(shape(other.condition!), 'parameter:deploy');

    assert.equal(many.loop?.itemName, 'n');
    assert.equal(many.loop?.indexName, 'i');
    assert.equal(shape(many.loop!.source), 'parameter:names');
    assert.equal(shape(many.condition!), 'greater(local:i, 0)');
    assert.equal(shape(many.name), 'local:n');
    assert.equal(slice(text, many.body.range), '{\n  name: n\n}');

    assert.equal(old.existing, true);
    assert.equal(kv.existing, false);
    assert.equal(shape(t.outputs[0].value), 'resource:kv::secret.id');
  });

  it('reads modules, outputs, functions, imports and the target scope', () => {
    const text = [
      "targetScope = 'subscription'",
      "import { a } from 'types.bicep'",
      'extension microsoftGraphV1',
      "extension 'br:mcr.microsoft.com/ext:1.0' with { x: 1 } as ext",
      "module deploy 'br/public:avm/res/key-vault/vault:0.1.0' = [for i in range(0, 2): {",
      "  name: 'd${i}'",
      '}]',
      '@secure()',
      'output secret string = deploy[0].outputs.value',
      'func add(a int, b int) int => a + b',
    ].join('\n');
    const t = template(text);
    assert.equal(t.targetScope, 'subscription');
    assert.deepEqual(
      t.imports.map((i) => [i.kind, i.target]),
      [
        ['import', 'types.bicep'],
        ['extension', 'microsoftGraphV1'],
        ['extension', 'br:mcr.microsoft.com/ext:1.0'],
      ],
    );
    const [module] = t.modules;
    assert.equal(module.source, 'br/public:avm/res/key-vault/vault:0.1.0');
    assert.equal(slice(text, module.sourceRange), "'br/public:avm/res/key-vault/vault:0.1.0'");
    assert.equal(module.loop?.itemName, 'i');
    assert.equal(shape(module.body), '{name: concat("d", local:i)}');
    assert.equal(t.outputs[0].secure, true);
    assert.equal(t.outputs[0].type, 'string');
    assert.deepEqual(t.functions[0].parameters, ['a', 'b']);
    assert.equal(t.parameterValues.size, 0);
    assert.equal(template('param p string').targetScope, 'resourceGroup');
  });

  it('reads .bicepparam files into values and a scope with the variables', () => {
    const text = ["using './main.bicep'", "var prefix = 'app'", "param name = '${prefix}-web'", 'param count = 3', 'param copy = count'].join('\n');
    const load = loadBicep(text, 'main.bicepparam');
    assert.deepEqual(load.diagnostics, []);
    const file: ParameterFile = load.parameterFile!;
    assert.equal(file.language, 'bicep');
    assert.equal(file.using, './main.bicep');
    assert.deepEqual(
      file.values.map((v) => [v.name, shape(v.value!)]),
      [
        ['name', 'concat(variable:prefix, "-web")'],
        ['count', '3'],
        ['copy', 'parameter:count'],
      ],
    );
    assert.equal(slice(text, file.values[0].nameRange), 'name');
    assert.deepEqual(
      file.scope.variables.map((v) => v.name),
      ['prefix'],
    );
    assert.deepEqual(file.scope.parameters, []);
    assert.equal(loadBicep('using none', 'x.bicepparam').parameterFile!.using, undefined);
  });

  it('keeps comments for suppression directives', () => {
    const load = loadBicep('#disable-next-line no-hardcoded-location\nvar l = \'westus\' // why\n', 'main.bicep');
    assert.deepEqual(
      load.comments.map((c) => c.text),
      ['disable-next-line no-hardcoded-location', ' why'],
    );
  });

  it('links a resource to its parent whichever comes first', () => {
    const text = [
      "resource child 'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {",
      '  parent: vnet',
      "  name: 'default'",
      '}',
      "resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {",
      "  name: 'net'",
      '}',
    ].join('\n');
    const [child, vnet] = template(text).resources as Resource[];
    assert.equal(child.parent, vnet);
    assert.equal(shape(child.fullName), 'concat("net", "/", "default")');
  });
});
