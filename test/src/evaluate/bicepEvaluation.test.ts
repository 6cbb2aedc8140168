import * as assert from 'node:assert/strict';
import { loadBicep } from 'ztlint/bicep/index';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import { describeValue } from 'ztlint/model/describe';
import { lookup } from 'ztlint/model/lookup';
import type { Template } from 'ztlint/model/template';
import { toJson, type Value } from 'ztlint/model/value';
import { LineIndex } from 'ztlint/text/lineIndex';

/** Loads Bicep source and evaluates `var probe = ...` in it. */
function probe(source: string, evaluator = new Evaluator()): { value: Value; text: string; template: Template } {
  const loaded = loadBicep(source, 'main.bicep');
  assert.deepEqual(loaded.diagnostics.filter((d) => d.severity === 'error'), [], 'the fixture parses');
  const template = loaded.template!;
  const variable = template.variables.find((v) => v.name === 'probe');
  assert.ok(variable, 'the fixture declares `probe`');
  return { value: evaluator.evaluate(variable.value, template), text: source, template };
}

const slice = (text: string, value: Value) => text.slice(value.range.start, value.range.end);
const lineOf = (text: string) => { const index = new LineIndex(text); return (r: { start: number }) => index.positionAt(r.start).line + 1; };

describe('evaluating Bicep', () => {
  describe('literals', () => {
    const cases: [string, unknown][] = [
      [`'plain'`, 'plain'],
      [`'it\\'s \\$\{not} \\\\ done'`, "it's ${not} \\ done"],
      [`'''\nmulti\n'''`, 'multi\n'],
      ['42', 42],
      ['-3', -3],
      ['true', true],
      ['null', null],
      ['{\n  a: 1\n  b: [\n    \'x\'\n  ]\n}', { a: 1, b: ['x'] }],
      [`{ a: 1, 'quoted key': true }`, { a: 1, 'quoted key': true }],
    ];
    for (const [expr, expected] of cases) {
      it(`${JSON.stringify(expr)} is ${JSON.stringify(expected)}`, () => {
        assert.deepEqual(toJson(probe(`var probe = ${expr}`).value), expected);
      });
    }
  });

  describe('parameters and variables', () => {
    it('takes a parameter default and remembers where it came from', () => {
      const source = `param location string = 'westeurope'\n\n@description('RBAC on?')\nparam enableRbac bool = false\nvar probe = enableRbac\n`;
      const { value, text } = probe(source);
      assert.equal(value.kind, 'boolean');
      assert.equal(slice(text, value), 'false', 'the range is the default, where a fix would edit');
      assert.deepEqual(value.via.map((h) => [h.kind, h.name]), [['parameter-default', 'enableRbac']]);
      assert.equal(text.slice(value.via[0].referenceRange.start, value.via[0].referenceRange.end), 'enableRbac');
      assert.equal(describeValue(value, lineOf(text)), 'false, from the default of parameter `enableRbac` (line 4)');
    });

    it('keeps a parameter without a default unknown, with the reason', () => {
      const { value } = probe(`param enableRbac bool\nvar probe = enableRbac`);
      assert.equal(value.kind, 'unknown');
      assert.equal(value.kind === 'unknown' && value.reason, 'parameter `enableRbac` has no default');
    });

    it('follows variables through variables to the literal', () => {
      const source = `var base = 'Deny'\nvar action = base\nvar probe = action`;
      const { value, text } = probe(source);
      assert.equal(toJson(value), 'Deny');
      assert.equal(slice(text, value), `'Deny'`);
      assert.deepEqual(value.via.map((h) => h.name), ['action', 'base']);
      assert.equal(describeValue(value, lineOf(text)), "'Deny', from variable `base` (line 1), through variable `action` (line 2)");
    });

    it('reads properties of known objects, keeping the hop through the variable', () => {
      const source = `var settings = {\n  rbac: true\n  network: { defaultAction: 'Deny' }\n}\nvar probe = settings.network.defaultAction`;
      const { value, text } = probe(source);
      assert.equal(toJson(value), 'Deny');
      assert.equal(slice(text, value), `'Deny'`);
      assert.deepEqual(value.via.map((h) => h.name), ['settings']);
    });

    it('reports a variable that refers to itself as unknown instead of looping', () => {
      const { value } = probe(`var a = b\nvar b = a\nvar probe = a`);
      assert.equal(value.kind, 'unknown');
      assert.match(value.kind === 'unknown' ? value.reason : '', /refers to itself/);
    });
  });

  describe('strings', () => {
    it('interpolates known parts', () => {
      assert.equal(toJson(probe(`param app string = 'orders'\nvar probe = '\${app}-kv-\${1 + 2}'`).value), 'orders-kv-3');
    });

    it('keeps the known fragments of a string with unknown parts', () => {
      const { value } = probe(`param key string\nvar probe = 'AccountName=x;AccountKey=\${key}'`);
      assert.equal(value.kind, 'unknown');
      if (value.kind !== 'unknown') return;
      assert.deepEqual(value.fragments?.map((f) => (f.kind === 'string' ? f.value : `<${f.reason}>`)), ['AccountName=x;AccountKey=', '<parameter `key` has no default>']);
    });

    it('marks a listKeys() result as a deployment-time value inside a concatenation', () => {
      const source = `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n}\nvar probe = 'AccountKey=\${st.listKeys().keys[0].value}'`;
      const { value } = probe(source);
      assert.equal(value.kind === 'unknown' && value.runtimeFunction, 'listKeys');
      assert.ok(value.kind === 'unknown' && value.fragments?.some((f) => f.kind === 'string' && f.value === 'AccountKey='));
    });

    it('evaluates concat(), format(), toLower() and string()', () => {
      assert.equal(toJson(probe(`var probe = concat('a', 'b', string(1))`).value), 'ab1');
      assert.equal(toJson(probe(`var probe = format('{0}-{1:D2}-{{x}}', 'kv', 7)`).value), 'kv-7-{x}');
      assert.equal(toJson(probe(`var probe = toLower('MiXeD')`).value), 'mixed');
    });

    it('format(): a specifier runs to the next `}`; an unclosed placeholder is text', () => {
      const cases: [string, string][] = [
        [`format('{0:{1}', 'a')`, 'a'],
        [`format('{0:D2 {1}-{1}', 'a', 'b')`, 'a-b'],
        [`format('{0}{1:x', 'a', 'b')`, 'a{1:x'],
        [`format('{0:x-{{', 'a')`, '{0:x-{'],
        [`format('{0:{0:{0:', 'a')`, '{0:{0:{0:'],
        [`format('}}{0}{{', 'a')`, '}a{'],
      ];
      for (const [expr, expected] of cases) assert.equal(toJson(probe(`var probe = ${expr}`).value), expected, expr);
    });
  });

  describe('operators', () => {
    const cases: [string, unknown][] = [
      ['!true', false],
      ['1 < 2', true],
      ['2 >= 3', false],
      [`'a' == 'a'`, true],
      [`'a' != 'b'`, true],
      [`'A' =~ 'a'`, true],
      ['1 + 2 * 3', 7],
      ['7 % 4', 3],
      ['true && false', false],
      ['false || true', true],
      [`null ?? 'fallback'`, 'fallback'],
      [`true ? 'yes' : 'no'`, 'yes'],
      ['(1 + 2) * 2', 6],
    ];
    for (const [expr, expected] of cases) {
      it(`${expr} is ${JSON.stringify(expected)}`, () => {
        assert.deepEqual(toJson(probe(`var probe = ${expr}`).value), expected);
      });
    }

    it('short-circuits && and || past unknown operands', () => {
      assert.equal(toJson(probe(`param p bool\nvar probe = false && p`).value), false);
      assert.equal(toJson(probe(`param p bool\nvar probe = true || p`).value), true);
      assert.equal(probe(`param p bool\nvar probe = true && p`).value.kind, 'unknown');
    });

    it('chooses the branch of a ternary whose condition is known, and agrees when both branches do', () => {
      assert.equal(toJson(probe(`param env string = 'prod'\nvar probe = env == 'prod' ? 'Deny' : 'Allow'`).value), 'Deny');
      assert.equal(toJson(probe(`param env string\nvar probe = env == 'prod' ? true : true`).value), true);
      const { value } = probe(`param env string\nvar probe = env == 'prod' ? 'Deny' : 'Allow'`);
      assert.equal(value.kind === 'unknown' && value.reason, 'depends on a condition that is not known: parameter `env` has no default');
    });

    it('handles the safe dereference .? and the non-null assertion !', () => {
      assert.equal(toJson(probe(`var o = { a: 1 }\nvar probe = o.?missing ?? 'none'`).value), 'none');
      assert.equal(toJson(probe(`var o = { a: 1 }\nvar probe = o.a!`).value), 1);
    });
  });

  describe('functions on collections', () => {
    const cases: [string, unknown][] = [
      [`union({ a: 1, n: { x: 1 } }, { b: 2, n: { y: 2 } })`, { a: 1, n: { x: 1, y: 2 }, b: 2 }],
      [`union(['a', 'b'], ['b', 'c'])`, ['a', 'b', 'c']],
      [`contains(['a', 'b'], 'b')`, true],
      [`contains({ key: 1 }, 'KEY')`, true],
      [`contains('abc', 'd')`, false],
      [`length([1, 2, 3])`, 3],
      [`empty('')`, true],
      [`['x', 'y'][1]`, 'y'],
      [`{ k: 'v' }['k']`, 'v'],
      [`[for s in ['a', 'b']: '\${s}-1']`, ['a-1', 'b-1']],
      [`[for (s, i) in ['a', 'b']: i]`, [0, 1]],
      [`[for i in range(0, 3): if (i != 1) { n: i }]`, [{ n: 0 }, { n: 2 }]],
      [`{ ...{ a: 1 }, b: 2 }`, { a: 1, b: 2 }],
      [`[...['a'], 'b']`, ['a', 'b']],
    ];
    for (const [expr, expected] of cases) {
      it(`${expr} is ${JSON.stringify(expected)}`, () => {
        assert.deepEqual(toJson(probe(`var probe = ${expr}`).value), expected);
      });
    }

    it('gives a loop over an unknown collection one representative item', () => {
      const { value } = probe(`param rules array\nvar probe = [for r in rules: { source: '*', port: r.port }]`);
      assert.equal(value.kind, 'array');
      if (value.kind !== 'array') return;
      assert.match(value.incomplete ?? '', /parameter `rules` has no default/);
      assert.equal(toJson(lookup(value.items[0], 'source').state === 'known' ? (lookup(value.items[0], 'source') as { value: Value }).value : value), '*');
    });

    it('leaves lambdas and user functions unknown rather than guessing', () => {
      assert.equal(probe(`var probe = map([1], x => x + 1)`).value.kind, 'unknown');
    });
  });

  describe('references between resources', () => {
    const source = `param vaultName string = 'kv-orders'
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  properties: {
    enableRbacAuthorization: true
  }
}
resource shared 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-shared'
}
`;
    it('reads a declared name and property through the symbolic name', () => {
      assert.equal(toJson(probe(`${source}var probe = vault.name`).value), 'kv-orders');
      const rbac = probe(`${source}var probe = vault.properties.enableRbacAuthorization`);
      assert.equal(toJson(rbac.value), true);
      assert.equal(slice(rbac.text, rbac.value), 'true');
    });

    it('knows which resource an id or a reference points to', () => {
      const id = probe(`${source}var probe = vault.id`).value;
      assert.ok(id.kind === 'resource' && id.aspect === 'id' && id.resource.symbolicName === 'vault');
      const byFunction = probe(`${source}var probe = resourceId('Microsoft.KeyVault/vaults', 'kv-orders')`).value;
      assert.ok(byFunction.kind === 'resource' && byFunction.resource.symbolicName === 'vault');
    });

    it('says runtime and existing-resource properties are unknown, with the reason', () => {
      const uri = probe(`${source}var probe = vault.properties.vaultUri`).value;
      assert.equal(uri.kind === 'unknown' && uri.reason, 'property `vaultUri` is not set');
      const existing = probe(`${source}var probe = shared.properties.enableRbacAuthorization`).value;
      assert.match(existing.kind === 'unknown' ? existing.reason : '', /existing resource/);
    });

    it('evaluates a resource body once and looks properties up in it', () => {
      const loaded = loadBicep(source, 'main.bicep');
      const evaluator = new Evaluator();
      const vault = loaded.template!.resources[0];
      const body = evaluator.resourceBody(vault);
      assert.equal(evaluator.resourceBody(vault), body, 'cached');
      const rbac = lookup(body, 'properties.enableRbacAuthorization');
      assert.equal(rbac.state, 'known');
      const acls = lookup(body, 'properties.networkAcls.defaultAction');
      assert.equal(acls.state, 'absent');
      if (acls.state === 'absent') {
        assert.deepEqual(acls.missing, ['networkAcls', 'defaultAction']);
        assert.equal(source.slice(acls.container.range.start, acls.container.range.end).split('\n')[0], '{');
      }
    });
  });

  it('takes parameter values from a .bicepparam file that belongs to the template', () => {
    const templateText = `param enableRbac bool = true\nvar probe = enableRbac`;
    const template = loadBicep(templateText, 'main.bicep').template!;
    const paramsText = `using './main.bicep'\n\nparam enableRbac = false\n`;
    const params = loadBicep(paramsText, 'main.bicepparam').parameterFile!;
    const evaluator = new Evaluator({ parameterFile: params, parameterFilePath: '/project/main.bicepparam' });
    const value = evaluator.variable(template, 'probe', template.variables[0].nameRange);
    assert.equal(toJson(value), false);
    assert.equal(paramsText.slice(value.range.start, value.range.end), 'false', 'the range is in the parameter file');
    const lines = { template: lineOf(templateText), params: lineOf(paramsText) };
    const lineInFile = (r: { start: number }, file?: string) => (file === '/project/main.bicepparam' ? lines.params(r) : lines.template(r));
    assert.equal(describeValue(value, lineInFile), 'false, from the value of parameter `enableRbac` in the parameter file main.bicepparam (line 3), through variable `probe` (line 2)');
  });

  it('lets a parameter file value use another value of the same file', () => {
    const template = loadBicep(`param prefix string\nparam vaultName string\nvar probe = vaultName`, 'main.bicep').template!;
    const params = loadBicep(`using './main.bicep'\nparam prefix = 'orders'\nparam vaultName = '\${prefix}-kv'\n`, 'main.bicepparam').parameterFile!;
    const value = new Evaluator({ parameterFile: params }).evaluate(template.variables[0].value, template);
    assert.equal(toJson(value), 'orders-kv');
  });

  it('stops at a depth limit instead of overflowing the stack', () => {
    const { value } = probe(`var probe = ${'!'.repeat(400)}true`);
    assert.equal(value.kind, 'unknown');
    assert.match(value.kind === 'unknown' ? value.reason : '', /nested too deeply/);
  });

  it('gives an argument a call lacks as unknown (a call being typed), not a crash', () => {
    for (const [call, missing] of [['if(true)', 2], ['if(false)', 3]] as const) {
      const { value } = probe(`var probe = ${call}`);
      assert.equal(value.kind, 'unknown', call);
      assert.match(value.kind === 'unknown' ? value.reason : '', new RegExp(`has no argument ${missing}`), call);
    }
  });
});
