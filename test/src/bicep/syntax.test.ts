import * as assert from 'node:assert/strict';
import { parseBicep } from 'ztlint/bicep/index';
import type { Declaration, ExpressionSyntax, TypeSyntax } from 'ztlint/bicep/syntax';
import type { Range } from 'ztlint/text/range';

function parseClean(text: string, parameterFile = false): readonly Declaration[] {
  const { program, diagnostics } = parseBicep(text, { parameterFile });
  assert.deepEqual(
    diagnostics.map((d) => `${d.message} at ${text.slice(d.range.start, d.range.end + 10)}`),
    [],
    `unexpected diagnostics for:\n${text}`,
  );
  return program.declarations;
}

const slice = (text: string, range: Range) => text.slice(range.start, range.end);

/** The value expression of `var x = <expression>`. */
function expression(source: string): { text: string; syntax: ExpressionSyntax } {
  const text = `var x = ${source}`;
  const [declaration] = parseClean(text);
  assert.equal(declaration.kind, 'var');
  return { text, syntax: declaration.value };
}

/** The type of `param p <type>`. */
function type(source: string): { text: string; syntax: TypeSyntax } {
  const text = `param p ${source}`;
  const [declaration] = parseClean(text);
  assert.ok(declaration.kind === 'param' && declaration.type);
  return { text, syntax: declaration.type };
}

describe('bicep syntax', () => {
  it('reads every kind of declaration', () => {
    const cases: [string, Declaration['kind']][] = [
      ["targetScope = 'subscription'", 'targetScope'],
      ["metadata author = 'me'", 'metadata'],
      ['param p string', 'param'],
      ["@secure()\n@sys.description('d')\nparam p string = 'x'", 'param'],
      ["param kv resource 'Microsoft.KeyVault/vaults@2023-07-01'", 'param'],
      ['var v = 1', 'var'],
      ["@export()\nvar v string = 'a'", 'var'],
      ['output o int = 1', 'output'],
      ["type t = 'a' | 'b'", 'type'],
      ["func f(a string, b int) string => '${a}${b}'", 'func'],
      ["resource r 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'r'\n}", 'resource'],
      ["resource r 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'r'\n}", 'resource'],
      ["module m './m.bicep' = {\n  name: 'm'\n}", 'module'],
      ["test t 'main.bicep' = {\n  params: {}\n}", 'test'],
      ['assert a = true', 'assert'],
      ["import {a, b as c} from 'x.bicep'", 'import'],
      ["import * as ns from 'x.bicep'", 'import'],
      ["import {\n  a\n  'not-an-identifier' as b\n} from 'x.bicep'", 'import'],
      ["import 'az@1.0.0'", 'extension'],
      ["provider 'kubernetes@1.0.0' with {\n  namespace: 'ns'\n} as k8s", 'extension'],
      ['extension az', 'extension'],
      ['extension microsoftGraphV1 with {\n  tenant: 1\n} as g', 'extension'],
    ];
    for (const [text, kind] of cases) {
      const declarations = parseClean(text);
      assert.equal(declarations.length, 1, text);
      assert.equal(declarations[0].kind, kind, text);
      assert.deepEqual(declarations[0].range, { start: 0, end: text.length }, text);
    }
  });

  it('reads .bicepparam declarations', () => {
    const text = [
      "using 'main.bicep'",
      'using none',
      "using 'main.bicep' with {\n  mode: 'stack'\n}",
      "extends 'shared.bicepparam'",
      "import { t } from 'types.bicep'",
      "param name = 'x'",
      'var v = name',
      "extensionConfig k8s with {\n  namespace: 'n'\n}",
    ].join('\n');
    const kinds = parseClean(text, true).map((d) => d.kind);
    assert.deepEqual(kinds, ['using', 'using', 'using', 'extends', 'import', 'param', 'var', 'extensionConfig']);
  });

  it('reads decorators, nested and decorated child resources, existing, if and loops', () => {
    const text = [
      '@batchSize(2)',
      "resource vnets 'Microsoft.Network/virtualNetworks@2023-04-01' = [for (v, i) in items: if (v.enabled) {",
      '  name: v.name',
      '  @description(\'child\')',
      "  resource subnet 'subnets' = {",
      "    name: 'default'",
      '  }',
      '}]',
      "module m './m.bicep' = if (deploy) {",
      "  name: 'm'",
      '}',
      "resource k 'Microsoft.KeyVault/vaults@2023-07-01' =",
      '  if (deploy) {',
      "  name: 'k'",
      '}',
      "module loop './m.bicep' = [",
      '  for i in range(0, 3): {',
      "    name: 'm${i}'",
      '  }',
      ']',
    ].join('\n');
    const [vnets, m, k, loop] = parseClean(text);
    assert.ok(vnets.kind === 'resource' && vnets.value.kind === 'for');
    assert.equal(vnets.decorators.length, 1);
    assert.equal(vnets.value.item?.name, 'v');
    assert.equal(vnets.value.index?.name, 'i');
    const body = vnets.value.body;
    assert.ok(body.kind === 'if' && body.body.kind === 'object');
    const child = body.body.members[1];
    assert.ok(child.kind === 'resource');
    assert.equal(child.name.name, 'subnet');
    assert.equal(child.decorators.length, 1);
    assert.equal(slice(text, child.range), "@description('child')\n  resource subnet 'subnets' = {\n    name: 'default'\n  }");
    assert.ok(m.kind === 'module' && m.value.kind === 'if');
    assert.ok(k.kind === 'resource' && k.value.kind === 'if');
    assert.ok(loop.kind === 'module' && loop.value.kind === 'for');
  });

  it('reads operators with Bicep precedence', () => {
    const { syntax } = expression('a || b && c == d + e * f ?? g');
    // ?? binds loosest, then ||, &&, ==, +, *
    assert.ok(syntax.kind === 'binary' && syntax.operator === '??');
    const or = syntax.left;
    assert.ok(or.kind === 'binary' && or.operator === '||');
    const and = or.right;
    assert.ok(and.kind === 'binary' && and.operator === '&&');
    const equals = and.right;
    assert.ok(equals.kind === 'binary' && equals.operator === '==');
    const plus = equals.right;
    assert.ok(plus.kind === 'binary' && plus.operator === '+');
    assert.ok(plus.right.kind === 'binary' && plus.right.operator === '*');
  });

  it('reads ternaries, also across lines', () => {
    for (const source of ["c ? 'a' : 'b'", "c\n  ? 'a'\n  : 'b'", "(c\n  ? 'a'\n  : 'b')"]) {
      const { syntax } = expression(source);
      const ternary = syntax.kind === 'paren' ? syntax.inner : syntax;
      assert.equal(ternary.kind, 'ternary', source);
    }
  });

  it('reads accessors: . .? [ ] [? ] [^ ] :: ! and calls with receivers', () => {
    const { text, syntax } = expression("a.b.?c[0][?'k'][^1]::d!.e(1)");
    assert.ok(syntax.kind === 'call' && syntax.name === 'e' && syntax.receiver?.kind === 'nonNull');
    const access = syntax.receiver.operand;
    assert.ok(access.kind === 'resourceAccess' && access.name === 'd');
    const fromEnd = access.object;
    assert.ok(fromEnd.kind === 'index' && fromEnd.fromEnd && !fromEnd.optional);
    const safeIndex = fromEnd.object;
    assert.ok(safeIndex.kind === 'index' && safeIndex.optional);
    const index = safeIndex.object;
    assert.ok(index.kind === 'index');
    const safeMember = index.object;
    assert.ok(safeMember.kind === 'member' && safeMember.optional && safeMember.property === 'c');
    assert.equal(slice(text, safeMember.range), 'a.b.?c');
    assert.equal(slice(text, safeMember.propertyRange), 'c');
  });

  it('reads prefix ! and -, and postfix non-null assertions', () => {
    const { syntax } = expression('!a! && -1 < -b');
    assert.ok(syntax.kind === 'binary' && syntax.left.kind === 'unary' && syntax.left.operator === '!');
    assert.equal(syntax.left.operand.kind, 'nonNull');
    const right = syntax.right;
    assert.ok(right.kind === 'binary' && right.left.kind === 'unary' && right.left.operator === '-');
  });

  it('reads lambdas with one, several or no parameters, bodies on the next line', () => {
    for (const [source, parameters] of [
      ['x => x', ['x']],
      ['(a, b) => a + b', ['a', 'b']],
      ['() => 1', []],
      ['x =>\n  x', ['x']],
    ] as const) {
      const { syntax } = expression(`map(xs, ${source})`);
      assert.ok(syntax.kind === 'call');
      const lambda = syntax.args[1];
      assert.ok(lambda.kind === 'lambda', source);
      assert.deepEqual(
        lambda.parameters.map((p) => p.name),
        parameters,
      );
    }
  });

  it('reads objects and arrays single-line with commas, multi-line, mixed, with spreads and comments', () => {
    const sources = [
      "{ a: 1, 'b-c': 2, }",
      '{\n  a: 1 // one\n  /* two */ b: 2\n}',
      '{ a: 1, b: 2\n  c: 3 }',
      '{\n  ...base\n  a: 1\n}',
      "[1, 'two', [3], { four: 4 }]",
      '[\n  1\n  2\n]',
      '[...xs, 1]',
      '[]',
      '{}',
    ];
    for (const source of sources) {
      const { syntax } = expression(source);
      assert.ok(syntax.kind === 'object' || syntax.kind === 'array', source);
    }
    const { text, syntax } = expression("{\n  ...base\n  'quoted key': [for x in xs: x]\n}");
    assert.ok(syntax.kind === 'object');
    const [spread, quoted] = syntax.members;
    assert.ok(spread.kind === 'spread' && quoted.kind === 'property');
    assert.equal(slice(text, spread.range), '...base');
    assert.equal(quoted.key.kind, 'string');
    assert.equal(quoted.value.kind, 'for');
  });

  it('reads loops in values, with indexes, filters and line breaks', () => {
    for (const source of ['[for x in xs: x]', '[for (x, i) in xs: i]', '[for i in range(0, 3): if (i > 0) { n: i }]', '[\n  for x in xs: x\n]']) {
      assert.equal(expression(source).syntax.kind, 'for', source);
    }
  });

  it('reads strings: escapes, interpolation (nested), multi-line', () => {
    const { text, syntax } = expression("'a\\'${b}c${'d${e}'}'");
    assert.ok(syntax.kind === 'string');
    assert.deepEqual(
      syntax.segments.map((s) => s.value),
      ["a'", 'c', ''],
    );
    assert.deepEqual(
      syntax.segments.map((s) => slice(text, s.range)),
      ["a\\'", 'c', ''],
    );
    assert.equal(syntax.holes[1].kind, 'string');
    const multiline = expression("'''\nline 1\n  ${not interpolated}\n'''").syntax;
    assert.ok(multiline.kind === 'string' && multiline.multiline);
    assert.equal(multiline.segments[0].value, 'line 1\n  ${not interpolated}\n');
  });

  it('reads types: unions, literals, arrays, nullables, objects, tuples, resource-derived and qualified', () => {
    const cases: [string, TypeSyntax['kind']][] = [
      ['string', 'typeReference'],
      ["'a' | 'b' | 1 | -1 | true | !false | null", 'unionType'],
      ['string[]', 'arrayType'],
      ['int [] [] ?', 'nullableType'],
      ['{\n  @minLength(1)\n  a: string\n  b: { c: int }?\n  *: bool\n}', 'objectType'],
      ['[string, int]', 'tupleType'],
      ["resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties", 'typePropertyAccess'],
      ["sys.resourceOutput<'Microsoft.Storage/storageAccounts@2023-01-01'>", 'typeInstantiation'],
      ['sys.string', 'typePropertyAccess'],
      ['t[*]', 'typeIndexAccess'],
      ["resource 'Microsoft.KeyVault/vaults@2023-07-01'", 'resourceType'],
      ["(string | int)[] = ['a']", 'arrayType'],
      ["\n  | 'a'\n  | 'b'", 'unionType'],
    ];
    for (const [source, kind] of cases) assert.equal(type(source).syntax.kind, kind, source);
    const { text, syntax } = type("{ a: string } | { b: 'x' }?");
    assert.ok(syntax.kind === 'unionType');
    assert.equal(slice(text, syntax.range), "{ a: string } | { b: 'x' }?");
  });

  it('gives every node its exact range, CRLF included', () => {
    const text = "var a = {\r\n  b: f(1, 'x')\r\n}\r\nparam p string\r\n";
    const [a, p] = parseClean(text);
    assert.equal(slice(text, a.range), "var a = {\r\n  b: f(1, 'x')\r\n}");
    assert.ok(a.kind === 'var' && a.value.kind === 'object');
    const property = a.value.members[0];
    assert.ok(property.kind === 'property');
    assert.equal(slice(text, property.range), "b: f(1, 'x')");
    assert.equal(slice(text, property.value.range), "f(1, 'x')");
    assert.equal(slice(text, p.range), 'param p string');
  });
});
