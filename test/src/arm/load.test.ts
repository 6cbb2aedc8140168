import * as assert from 'node:assert/strict';
import { loadArm } from 'ztlint/arm/index';
import type { Expr } from 'ztlint/model/expr';
import { shape as show } from '../support/shape';

const TEMPLATE_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

function variableValue(text: string, name: string): Expr {
  const loaded = loadArm(text);
  const variable = loaded.template?.variables.find((v) => v.name === name);
  assert.ok(variable, `no variable ${name}`);
  return variable.value;
}

describe('loading ARM JSON', () => {
  it('recognizes templates, parameter files and other JSON by $schema', () => {
    assert.equal(loadArm(JSON.stringify({ $schema: TEMPLATE_SCHEMA })).kind, 'template');
    assert.equal(loadArm(JSON.stringify({ $schema: PARAMETERS_SCHEMA, parameters: {} })).kind, 'parameters');
    assert.equal(loadArm('{"$SCHEMA": "https://example.com/DEPLOYMENTTEMPLATE.json"}').kind, 'template');
    for (const other of ['{"name": "package", "version": "1.0.0"}', '{"$schema": "https://json.schemastore.org/tsconfig"}', '[1, 2]', '"x"', '']) {
      assert.deepEqual(loadArm(other), { kind: 'not-arm', diagnostics: [], comments: [] }, other);
    }
  });

  it('reads parameter files, with Key Vault references and no template expressions', () => {
    const text = JSON.stringify(
      {
        $schema: PARAMETERS_SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: {
          location: { value: 'westeurope' },
          procedure: { value: '[dbo].[uspMyProcedure]' },
          tags: { value: { env: 'prod' } },
          adminPassword: {
            reference: { keyVault: { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/kv' }, secretName: 'pw' },
          },
        },
      },
      null,
      2,
    );
    const loaded = loadArm(text);
    assert.equal(loaded.kind, 'parameters');
    assert.deepEqual(loaded.diagnostics, []);
    const file = loaded.parameterFile!;
    assert.equal(file.language, 'arm');
    assert.equal(file.using, undefined);
    assert.deepEqual(file.range, { start: 0, end: text.length });
    assert.deepEqual(file.scope.parameters, []);
    const [location, procedure, tags, password] = file.values;
    assert.equal(location.name, 'location');
    assert.equal(text.slice(location.nameRange.start, location.nameRange.end), '"location"');
    assert.equal(show(location.value!), '"westeurope"');
    assert.equal(location.keyVaultReference, false);
    assert.equal(show(procedure.value!), '"[dbo].[uspMyProcedure]"');
    assert.equal(show(tags.value!), '{env: "prod"}');
    assert.equal(password.keyVaultReference, true);
    assert.equal(password.value, undefined);
  });

  it('accepts comments, trailing commas and raw line breaks in strings, as Azure does', () => {
    const text = [
      '{',
      `  "$schema": "${TEMPLATE_SCHEMA}", // the schema`,
      '  /* variables',
      '     block */',
      '  "variables": {',
      '    "list": [1, 2,],',
      "    \"joined\": \"[concat('a',",
      "      'b')]\",",
      '    "multi": "line one\r\nline two\tand a tab",',
      '  },',
      '}',
    ].join('\n');
    const loaded = loadArm(text);
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(
      loaded.comments.map((c) => [c.text, text.slice(c.range.start, c.range.end)]),
      [
        [' the schema', '// the schema'],
        [' variables\n     block ', '/* variables\n     block */'],
      ],
    );
    assert.equal(show(variableValue(text, 'list')), '[1, 2]');
    const joined = variableValue(text, 'joined');
    assert.equal(show(joined), 'concat("a", "b")');
    assert.equal(text.slice(joined.range.start, joined.range.end), "concat('a',\n      'b')");
    assert.equal(show(variableValue(text, 'multi')), JSON.stringify('line one\r\nline two\tand a tab'));
  });

  it('reports broken JSON with ranged diagnostics instead of throwing', () => {
    const cases: [text: string, message: RegExp, at: string][] = [
      [`{"$schema": "${TEMPLATE_SCHEMA}" "variables": {}}`, /expected ',' or '}', found '"variables"'/, '"variables"'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"a": }}`, /expected a value for "a", found '}'/, '}'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"a" 1}}`, /expected ':' after "a"/, '1'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", "resources": [ ... ]}`, /unexpected '...'/, '...'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"a": "x\\q"}}`, /invalid escape sequence/, '"x\\q"'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"a": 1}`, /unclosed object: expected '}'/, '{'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"a": "open`, /unterminated string/, '"open'],
      [`{"$schema": "${TEMPLATE_SCHEMA}"} trailing`, /unexpected 'trailing'/, 'trailing'],
      [`{"$schema": "${TEMPLATE_SCHEMA}", /* never closed`, /unterminated block comment/, '/* never closed'],
    ];
    for (const [text, message, at] of cases) {
      const loaded = loadArm(text);
      assert.equal(loaded.kind, 'template', text);
      const diagnostic = loaded.diagnostics.find((d) => message.test(d.message));
      assert.ok(diagnostic, `${text}: no diagnostic matching ${message} in ${JSON.stringify(loaded.diagnostics)}`);
      assert.equal(diagnostic.code, 'json-syntax');
      assert.equal(diagnostic.severity, 'error');
      assert.equal(text.slice(diagnostic.range.start, diagnostic.range.end), at, text);
    }
  });

  it('reports malformed template expressions inside the string and keeps loading', () => {
    const text = `{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"bad": "[concat('a' 'b')]", "good": "[variables('bad')]"}}`;
    const loaded = loadArm(text);
    assert.equal(loaded.diagnostics.length, 1);
    const [diagnostic] = loaded.diagnostics;
    assert.equal(diagnostic.code, 'arm-expression');
    assert.equal(text.slice(diagnostic.range.start, diagnostic.range.end), "'");
    assert.equal(diagnostic.range.start, text.indexOf("'b'"));
    assert.equal(variableValue(text, 'bad').kind, 'invalid');
    assert.equal(show(variableValue(text, 'good')), 'variable:bad');
  });

  it('survives 10,000 levels of nesting with a single diagnostic', () => {
    const deep = '['.repeat(10000) + ']'.repeat(10000);
    const loaded = loadArm(`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"deep": ${deep}, "after": 1}}`);
    assert.equal(loaded.diagnostics.length, 1);
    assert.match(loaded.diagnostics[0].message, /nesting deeper than/);
    assert.deepEqual(loaded.template?.variables.map((v) => v.name), ['deep', 'after']);
    const unclosed = loadArm(`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"deep": ${'{"a":'.repeat(10000)}`);
    assert.ok(unclosed.diagnostics.length >= 1);
  });
});
