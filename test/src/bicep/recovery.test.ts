import * as assert from 'node:assert/strict';
import { loadBicep, parseBicep, type BicepLoad } from 'ztlint/bicep/index';
import { MAX_NESTING } from 'ztlint/bicep/parser';
import type { Template } from 'ztlint/model/template';

/** A realistic file: every line of it may be cut or deleted while typing. */
const REALISTIC = `targetScope = 'resourceGroup'

@description('Location of the resources')
param location string = resourceGroup().location

@secure()
param adminPassword string

@allowed([
  'Standard_LRS'
  'Standard_GRS'
])
param sku string = 'Standard_LRS'

var prefix = 'app\${uniqueString(resourceGroup().id)}'
var subnets = [for (name, i) in ['web', 'db']: {
  name: name
  prefix: '10.0.\${i}.0/24'
}]

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: '\${prefix}st'
  location: location
  sku: {
    name: sku
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    networkAcls: {
      defaultAction: empty(subnets) ? 'Allow' : 'Deny'
    }
  }

  resource blobs 'blobServices' = {
    name: 'default'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (!empty(adminPassword)) {
  name: '\${prefix}-kv'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
  }
}

module network './network.bicep' = {
  name: 'network'
  params: {
    subnets: subnets
  }
}

output storageId string = storage.id
output vaultName string = vault.?name ?? ''
`;

function names(template: Template): string[] {
  return [
    ...template.parameters.map((p) => p.name),
    ...template.variables.map((v) => v.name),
    ...template.resources.map((r) => r.symbolicName!),
    ...template.modules.map((m) => m.symbolicName),
    ...template.outputs.map((o) => o.name),
  ];
}

function load(text: string): BicepLoad & { template: Template } {
  const result = loadBicep(text, 'main.bicep');
  assert.ok(result.template);
  return result as BicepLoad & { template: Template };
}

function messages(result: BicepLoad): string[] {
  return result.diagnostics.map((d) => d.message);
}

describe('bicep error recovery', () => {
  it('reads the realistic fixture cleanly', () => {
    const result = load(REALISTIC);
    assert.deepEqual(messages(result), []);
    assert.deepEqual(names(result.template), ['location', 'adminPassword', 'sku', 'prefix', 'subnets', 'storage', 'vault', 'network', 'storageId', 'vaultName']);
  });

  it('closes an object left open mid-file at the next declaration', () => {
    const text = [
      "resource a 'Microsoft.Storage/storageAccounts@2023-01-01' = {",
      "  name: 'a'",
      '  properties: {',
      '    x: 1',
      '',
      'param later string',
      'output o string = later',
    ].join('\n');
    const result = load(text);
    assert.deepEqual(messages(result), ["expected '}' to close the object opened at line 3"]);
    assert.deepEqual(names(result.template), ['later', 'a', 'o']);
    const [resource] = result.template.resources;
    assert.deepEqual(
      resource.body.entries.map((e) => e.kind === 'property' && e.key),
      ['name', 'properties'],
    );
  });

  it('keeps a declaration whose value is missing, with an invalid value', () => {
    const result = load('var a =\nvar b = 1\nparam c string =\noutput d int = b');
    assert.equal(result.diagnostics.length, 2);
    assert.match(messages(result)[0], /expected an expression but found the end of the line/);
    assert.deepEqual(names(result.template), ['c', 'a', 'b', 'd']);
    assert.equal(result.template.variables[0].value.kind, 'invalid');
  });

  it('skips stray tokens to the end of the line', () => {
    const result = load('var a = 1 2\n}\n) ] =>\nvar b = 2');
    assert.deepEqual(messages(result), [
      "expected a new line after the declaration but found '2'",
      "expected a declaration (param, var, resource, module, output, type, func, import...) but found '}'",
      "expected a declaration (param, var, resource, module, output, type, func, import...) but found ')'",
    ]);
    assert.deepEqual(names(result.template), ['a', 'b']);
  });

  it('recovers from truncated strings and interpolations', () => {
    for (const broken of ["var a = 'abc", "var a = 'x${foo", "var a = 'x${foo}", "var a = 'x${'y${z", "var a = 'x${f(}'"]) {
      const result = load(`${broken}\nvar b = 1\noutput o int = b`);
      assert.ok(result.diagnostics.length > 0, broken);
      assert.deepEqual(names(result.template), ['a', 'b', 'o'], broken);
    }
    // a multi-line string runs to its closing quotes, here the end of the file
    const multiline = load("var a = '''abc\nvar b = 1");
    assert.match(messages(multiline)[0], /unterminated multi-line string/);
    assert.deepEqual(names(multiline.template), ['a']);
  });

  it('explains a comma followed by a line break, a missing separator and a trailing argument comma', () => {
    assert.match(messages(load("var a = [\n  'x',\n  'y'\n]"))[0], /unexpected new line after ','/);
    assert.match(messages(load('var a = { b: 1 c: 2 }'))[0], /expected a new line or ',' between the elements of the object but found 'c'/);
    assert.match(messages(load("var a = concat('a',\n)"))[0], /unexpected ',' before '\)'/);
  });

  it('never throws on any prefix of a realistic file and keeps the declarations before the cut', () => {
    const full = load(REALISTIC).template;
    const all = [
      ...full.parameters,
      ...full.variables,
      ...full.outputs,
      ...full.resources.map((r) => ({ name: r.symbolicName!, range: r.range })),
      ...full.modules.map((m) => ({ name: m.symbolicName, range: m.range })),
    ];
    for (let end = 0; end <= REALISTIC.length; end++) {
      const prefix = REALISTIC.slice(0, end);
      const present = new Set(names(load(prefix).template));
      for (const declaration of all) {
        if (declaration.range.end < end) assert.ok(present.has(declaration.name), `${declaration.name} lost when cut at ${end}`);
      }
    }
  });

  it('keeps the other declarations when any one line is deleted', () => {
    const lines = REALISTIC.split('\n');
    const full = names(load(REALISTIC).template);
    for (let i = 0; i < lines.length; i++) {
      const text = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
      const present = new Set(names(load(text).template));
      // the declaration the deleted line belonged to may be gone; the others must be there
      const lost = full.filter((name) => !present.has(name) && !lines[i].includes(name));
      assert.ok(lost.length <= 1, `deleting line ${i + 1} (${lines[i]}) lost ${lost.join(', ')}`);
    }
  });

  it('bounds nesting: 10,000-deep input gives one diagnostic and no stack overflow', () => {
    const depth = 10_000;
    const cases = [
      `var a = ${'['.repeat(depth)}`,
      `var a = ${'['.repeat(depth)}${']'.repeat(depth)}`,
      `var a = ${'{a:'.repeat(depth)}1${'}'.repeat(depth)}`,
      `var a = ${'('.repeat(depth)}1${')'.repeat(depth)}`,
      `var a = ${"'${".repeat(depth)}`,
      `var a = ${'!'.repeat(depth)}true`,
      `var a = ${'-'.repeat(depth)}1`,
      `var a = x${'.y'.repeat(depth)}`,
      `var a = x${'!'.repeat(depth)}`,
      `var a = 1${' + 1'.repeat(depth)}`,
      `var a = ${'f('.repeat(depth)}`,
      `var a = ${'x => '.repeat(depth)}x`,
      `var a = ${'c ? 1 : '.repeat(depth)}2`,
      `type t = ${'['.repeat(depth)}`,
      `type t = ${'{a:'.repeat(depth)}`,
      `type t = string${'[]'.repeat(depth)}`,
      `param p ${'('.repeat(depth)}`,
      `${"resource r 'T' = {\n".repeat(depth)}`,
    ];
    for (const text of cases) {
      const result = load(`${text}\nvar after = 1`);
      const nesting = result.diagnostics.filter((d) => d.message === `nesting deeper than ${MAX_NESTING} is not analysed`);
      assert.equal(nesting.length, 1, text.slice(0, 40));
      assert.ok(names(result.template).includes('after'), text.slice(0, 40));
    }
  });

  it('reads nesting within the limit', () => {
    const depth = MAX_NESTING / 2 - 10;
    const result = load(`var a = ${'['.repeat(depth)}${']'.repeat(depth)}`);
    assert.deepEqual(messages(result), []);
  });

  it('never throws on random token soup', () => {
    const pieces = ['param', 'var', 'resource', 'x', "'s'", "'${", '}', '{', '[', '(', ')', ']', '=', ':', ',', '\n', '?', '.', '@', 'for', 'in', 'if', '=>', '...', '|', '!', "'''", '/*', '//', '1', '-', '::'];
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 60; i++) text += `${pieces[Math.floor(random() * pieces.length)]} `;
      parseBicep(text);
      loadBicep(text, 'main.bicep');
      loadBicep(text, 'main.bicepparam');
    }
  });
});
