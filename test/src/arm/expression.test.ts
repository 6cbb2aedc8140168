import * as assert from 'node:assert/strict';
import { parseArmExpression } from 'ztlint/arm/expression';
import type { Expr } from 'ztlint/model/expr';
import { shape as show } from '../support/shape';

/** Parses the expression held by `token`, a JSON string token exactly as it would appear in a document. */
function parse(token: string) {
  return parseArmExpression(token, JSON.parse(token) as string, 0, token.length);
}

function slice(token: string, expr: { range: { start: number; end: number } }): string {
  return token.slice(expr.range.start, expr.range.end);
}

describe('ARM expression parser', () => {
  const shapes: [token: string, expected: string][] = [
    [`"[resourceGroup()]"`, 'resourceGroup()'],
    [`"[concat('a', uniqueString(resourceGroup().id, 'b'))]"`, 'concat("a", uniqueString(resourceGroup().id, "b"))'],
    [`"[parameters('name')]"`, 'parameter:name'],
    [`"[PARAMETERS('name')]"`, 'parameter:name'],
    [`"[variables('v')]"`, 'variable:v'],
    [`"[parameters(variables('which'))]"`, 'parameters(variable:which)'],
    [`"[if(parameters('on'), 'yes', 'no')]"`, '(parameter:on ? "yes" : "no")'],
    [`"['it''s']"`, '"it\'s"'],
    [`"['''']"`, `"'"`],
    [`"[reference('x').outputs.id.value]"`, 'reference("x").outputs.id.value'],
    [`"[variables('list')[0].name]"`, 'variable:list[0].name'],
    [`"[variables('map')[parameters('key')]['inner']]"`, 'variable:map[parameter:key]["inner"]'],
    [`"[add(-1, 2.5)]"`, 'add(-1, 2.5)'],
    [`"[createArray(true, false, null)]"`, 'createArray(true, false, null)'],
    [`"[createArray(true(), false(), null())]"`, 'createArray(true, false, null)'],
    [`"[contoso.uniqueName('x')]"`, 'contoso.uniqueName("x")'],
    [`"[ concat ( 'a' ,\\n 'b' ) ]"`, 'concat("a", "b")'],
    [`"[map(parameters('xs'), lambda('x', lambdaVariables('x').id))]"`, 'map(parameter:xs, (x) => local:x.id)'],
    [`"[if(true(), 1)]"`, 'if(true, 1)'],
  ];
  for (const [token, expected] of shapes) {
    it(`parses ${token}`, () => {
      const { expr, diagnostic } = parse(token);
      assert.equal(diagnostic, undefined);
      assert.equal(show(expr), expected);
    });
  }

  it('ranges each node at its characters in the JSON text', () => {
    const token = `"[concat(parameters('p'), resourceGroup().location)]"`;
    const expr = parse(token).expr;
    assert.equal(slice(token, expr), `concat(parameters('p'), resourceGroup().location)`);
    assert.ok(expr.kind === 'call');
    assert.equal(token.slice(expr.nameRange.start, expr.nameRange.end), 'concat');
    const [ref, location] = expr.args;
    assert.equal(slice(token, ref), `parameters('p')`);
    assert.ok(location.kind === 'member');
    assert.equal(slice(token, location), 'resourceGroup().location');
    assert.equal(token.slice(location.propertyRange.start, location.propertyRange.end), 'location');
    assert.equal(slice(token, location.object), 'resourceGroup()');
  });

  it('maps ranges through JSON escapes in the string', () => {
    const token = String.raw`"[concat('say \"hi\"', '\\', variables('v\u0041'), 'é\t')]"`;
    const expr = parse(token).expr;
    assert.ok(expr.kind === 'call');
    assert.equal(show(expr), String.raw`concat("say \"hi\"", "\\", variable:vA, "é\t")`);
    const [quoted, backslash, ref, tab] = expr.args;
    assert.equal(slice(token, quoted), String.raw`'say \"hi\"'`);
    assert.equal(slice(token, backslash), String.raw`'\\'`);
    assert.equal(slice(token, ref), String.raw`variables('v\u0041')`);
    assert.equal(slice(token, tab), String.raw`'é\t'`);
    assert.equal(slice(token, expr), token.slice(2, -2));
  });

  it('ranges an index expression and a namespaced call', () => {
    const token = `"[ns.fn(1)[0]]"`;
    const expr = parse(token).expr;
    assert.ok(expr.kind === 'index');
    assert.equal(slice(token, expr), 'ns.fn(1)[0]');
    assert.ok(expr.object.kind === 'call');
    assert.equal(token.slice(expr.object.nameRange.start, expr.object.nameRange.end), 'fn');
    assert.equal(slice(token, expr.index), '0');
  });

  const malformed: [token: string, at: string, message: RegExp][] = [
    [`"[concat('a' 'b')]"`, `'`, /expected ',' or '\)'/],
    [`"[concat('a',)]"`, ')', /expected a function call, string or number/],
    [`"[foo]"`, ']', /expected '\(' after function name 'foo'/],
    [`"['abc]"`, `'abc`, /unterminated string/],
    [`"[concat('a')) ]"`, ')', /unexpected '\)' after the expression/],
    [`"[resourceGroup().]"`, ']', /expected a property name/],
    [`"[variables('a')[0]"`, '', /./],
    [`"[]"`, '', /empty expression/],
    [`"[concat('\\"', 'x' 1)]"`, '1', /expected ',' or '\)'/],
  ];
  for (const [token, at, message] of malformed) {
    it(`reports ${token} as malformed at ${JSON.stringify(at)}`, () => {
      const { expr, diagnostic } = parse(token);
      assert.ok(diagnostic, 'expected a diagnostic');
      assert.equal(diagnostic.code, 'arm-expression');
      assert.equal(diagnostic.severity, 'error');
      assert.match(diagnostic.message, message);
      assert.ok(diagnostic.range.start > 0 && diagnostic.range.end < token.length, 'inside the string');
      if (at !== '') assert.equal(slice(token, diagnostic), at);
      assert.equal(expr.kind, 'invalid');
      assert.equal(slice(token, expr), token.slice(1, -1));
    });
  }

  it('stops at an absurdly deep expression with a diagnostic instead of overflowing', () => {
    const depth = 5000;
    const token = `"[${'concat('.repeat(depth)}1${')'.repeat(depth)}]"`;
    const { expr, diagnostic } = parse(token);
    assert.equal(expr.kind, 'invalid');
    assert.match(diagnostic?.message ?? '', /nested more than/);
  });

  it('keeps every node inside the expression', () => {
    const token = `"[if(equals(parameters('a')[1], 'x'), createObject('k', variables('v').p), json('null'))]"`;
    const visit = (expr: Expr): void => {
      assert.ok(expr.range.start >= 2 && expr.range.end <= token.length - 2, show(expr));
      if (expr.kind === 'call') expr.args.forEach(visit);
      if (expr.kind === 'conditional') [expr.test, expr.then, expr.else].forEach(visit);
      if (expr.kind === 'member') visit(expr.object);
      if (expr.kind === 'index') [expr.object, expr.index].forEach(visit);
    };
    visit(parse(token).expr);
  });
});
