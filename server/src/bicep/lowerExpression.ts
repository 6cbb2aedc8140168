import type { ArrayExpr, CallExpr, Expr, ObjectEntry, ObjectExpr, ReferenceTarget, SpreadEntryExpr } from '../model/expr';
import type { Range } from '../text/range';
import type { BinaryOperator, ExpressionSyntax, ObjectSyntax, SpreadSyntax, StringSyntax } from './syntax';

export interface Binding {
  readonly target: ReferenceTarget;
  /** the name references use: nested resources are qualified by their parents, `vault::secret` */
  readonly name: string;
}

/** Names visible at some point of a file: a block of bindings and the scope around it. */
export class Scope {
  private readonly bindings = new Map<string, Binding>();

  constructor(readonly parent?: Scope) {}

  /** Binds `name` unless this scope already has it (Bicep rejects duplicates; the first one wins). */
  bind(name: string, target: ReferenceTarget, qualifiedName = name): void {
    if (!this.bindings.has(name)) this.bindings.set(name, { target, name: qualifiedName });
  }

  resolve(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      const binding = scope.bindings.get(name);
      if (binding !== undefined) return binding;
    }
    return undefined;
  }

  /** A scope for loop variables or lambda parameters. */
  withLocals(names: readonly (string | undefined)[]): Scope {
    const scope = new Scope(this);
    for (const name of names) if (name !== undefined) scope.bind(name, 'local');
    return scope;
  }
}

/** Operators that are a single ARM function call. */
const OPERATOR_FUNCTIONS: Partial<Record<BinaryOperator, string>> = {
  '==': 'equals',
  '<': 'less',
  '<=': 'lessOrEquals',
  '>': 'greater',
  '>=': 'greaterOrEquals',
  '&&': 'and',
  '||': 'or',
  '??': 'coalesce',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
};

function call(name: string, args: Expr[], range: Range, nameRange: Range, namespace?: string): CallExpr {
  return namespace === undefined
    ? { kind: 'call', name, args, range, nameRange }
    : { kind: 'call', name, namespace, args, range, nameRange };
}

/**
 * Lowers Bicep expressions to the model's expression tree, resolving names by scope.
 *
 * Conventions beyond the model's documentation:
 * - `a =~ b` is `equals(toLower(a), toLower(b))` and `a !~ b` its `not(...)`, as ARM compiles them;
 * - `-x` is `negate(x)`, or a negative literal when `x` is a number literal;
 * - `'a${b}c'` is `concat('a', b, 'c')`, empty pieces left out, pieces' ranges inside the quotes;
 * - an instance call `kv.getSecret('s')` is `getSecret(kv, 's')`: the receiver comes first, as in ARM's
 *   `listKeys(resourceId, ...)`; a namespaced call `az.resourceGroup()` has `namespace: 'az'`;
 * - `items[^n]` (from the end) is `items[sub(length(items), n)]`;
 * - `parent::child` is a reference named `parent::child` (target `resource`);
 * - `x!` and `(x)` are `x`.
 */
export function lowerExpression(syntax: ExpressionSyntax, scope: Scope): Expr {
  switch (syntax.kind) {
    case 'literal':
      return { kind: 'literal', value: syntax.value, range: syntax.range };
    case 'string':
      return lowerString(syntax, scope);
    case 'object':
      return lowerObject(syntax, scope);
    case 'array': {
      const items: (Expr | SpreadEntryExpr)[] = [];
      for (const item of syntax.items) items.push(item.kind === 'spread' ? lowerSpread(item, scope) : lowerExpression(item, scope));
      const array: ArrayExpr = { kind: 'array', items, range: syntax.range };
      return array;
    }
    case 'for': {
      const inner = scope.withLocals([syntax.item?.name, syntax.index?.name]);
      const body = syntax.body;
      const source = lowerExpression(syntax.source, scope);
      const lowered =
        body.kind === 'if'
          ? {
              condition: lowerExpression(body.condition, inner),
              body: body.body.kind === 'object' ? lowerObject(body.body, inner) : lowerExpression(body.body, inner),
            }
          : { condition: undefined, body: lowerExpression(body, inner) };
      return {
        kind: 'for',
        itemName: syntax.item?.name,
        indexName: syntax.index?.name,
        source,
        body: lowered.body,
        condition: lowered.condition,
        range: syntax.range,
      };
    }
    case 'variable': {
      const binding = scope.resolve(syntax.name);
      return {
        kind: 'ref',
        target: binding?.target ?? 'unresolved',
        name: binding?.name ?? syntax.name,
        range: syntax.range,
      };
    }
    case 'call':
      return lowerCall(syntax.name, syntax.nameRange, syntax.receiver, syntax.args, syntax.range, scope);
    case 'member':
      return {
        kind: 'member',
        object: lowerExpression(syntax.object, scope),
        property: syntax.property,
        propertyRange: syntax.propertyRange,
        optional: syntax.optional,
        range: syntax.range,
      };
    case 'index': {
      const object = lowerExpression(syntax.object, scope);
      let index = lowerExpression(syntax.index, scope);
      if (syntax.fromEnd) {
        // items[^n] is items[length(items) - n]
        const length = call('length', [object], object.range, object.range);
        index = call('sub', [length, index], index.range, index.range);
      }
      return { kind: 'index', object, index, optional: syntax.optional, range: syntax.range };
    }
    case 'resourceAccess': {
      const parent = lowerExpression(syntax.object, scope);
      if (parent.kind === 'ref' && parent.target === 'resource') {
        return { kind: 'ref', target: 'resource', name: `${parent.name}::${syntax.name}`, range: syntax.range };
      }
      return { kind: 'invalid', reason: `'::${syntax.name}' is applied to something that is not a resource`, range: syntax.range };
    }
    case 'unary': {
      const operand = syntax.operand;
      if (syntax.operator === '-') {
        if (operand.kind === 'literal' && typeof operand.value === 'number') {
          return { kind: 'literal', value: -operand.value, range: syntax.range };
        }
        return call('negate', [lowerExpression(operand, scope)], syntax.range, prefixOperatorRange(syntax.range));
      }
      return call('not', [lowerExpression(operand, scope)], syntax.range, prefixOperatorRange(syntax.range));
    }
    case 'nonNull':
      return lowerExpression(syntax.operand, scope);
    case 'paren':
      return lowerExpression(syntax.inner, scope);
    case 'binary':
      return lowerBinary(syntax.operator, syntax.operatorRange, syntax.left, syntax.right, syntax.range, scope);
    case 'ternary':
      return {
        kind: 'conditional',
        test: lowerExpression(syntax.test, scope),
        then: lowerExpression(syntax.then, scope),
        else: lowerExpression(syntax.else, scope),
        range: syntax.range,
      };
    case 'lambda': {
      const inner = scope.withLocals(syntax.parameters.map((p) => p.name));
      return {
        kind: 'lambda',
        parameters: syntax.parameters.map((p) => p.name),
        body: lowerExpression(syntax.body, inner),
        range: syntax.range,
      };
    }
    case 'error':
      return { kind: 'invalid', reason: 'syntax error', range: syntax.range };
  }
}

/** Object entries; nested resource declarations are not values and are left to the declaration lowering. */
export function lowerObject(syntax: ObjectSyntax, scope: Scope): ObjectExpr {
  const entries: ObjectEntry[] = [];
  for (const member of syntax.members) {
    if (member.kind === 'property') {
      const key = member.key;
      entries.push({
        kind: 'property',
        key: key.kind === 'identifier' ? key.name : key.holes.length === 0 ? key.segments[0].value : undefined,
        keyRange: key.range,
        value: lowerExpression(member.value, scope),
        range: member.range,
      });
    } else if (member.kind === 'spread') {
      entries.push(lowerSpread(member, scope));
    }
  }
  return { kind: 'object', entries, range: syntax.range };
}

function lowerSpread(syntax: SpreadSyntax, scope: Scope): SpreadEntryExpr {
  return { kind: 'spread', value: lowerExpression(syntax.value, scope), range: syntax.range };
}

function lowerString(syntax: StringSyntax, scope: Scope): Expr {
  const { segments, holes } = syntax;
  if (holes.length === 0) return { kind: 'literal', value: segments[0].value, range: syntax.range };
  const args: Expr[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.value !== '') args.push({ kind: 'literal', value: segment.value, range: segment.range });
    if (i < holes.length) args.push(lowerExpression(holes[i], scope));
  }
  return call('concat', args, syntax.range, syntax.range);
}

function lowerCall(
  name: string,
  nameRange: Range,
  receiver: ExpressionSyntax | undefined,
  argSyntax: readonly ExpressionSyntax[],
  range: Range,
  scope: Scope,
): CallExpr {
  const args: Expr[] = [];
  let namespace: string | undefined;
  if (receiver !== undefined) {
    const binding = receiver.kind === 'variable' ? scope.resolve(receiver.name) : undefined;
    if (receiver.kind === 'variable' && binding?.target === 'import') namespace = receiver.name;
    else args.push(lowerExpression(receiver, scope));
  }
  for (const arg of argSyntax) args.push(lowerExpression(arg, scope));
  return call(name, args, range, nameRange, namespace);
}

function lowerBinary(
  operator: BinaryOperator,
  operatorRange: Range,
  leftSyntax: ExpressionSyntax,
  rightSyntax: ExpressionSyntax,
  range: Range,
  scope: Scope,
): CallExpr {
  const left = lowerExpression(leftSyntax, scope);
  const right = lowerExpression(rightSyntax, scope);
  const simple = OPERATOR_FUNCTIONS[operator];
  if (simple !== undefined) return call(simple, [left, right], range, operatorRange);
  if (operator === '!=') return call('not', [call('equals', [left, right], range, operatorRange)], range, operatorRange);
  const ignoringCase = call(
    'equals',
    [call('toLower', [left], left.range, operatorRange), call('toLower', [right], right.range, operatorRange)],
    range,
    operatorRange,
  );
  return operator === '=~' ? ignoringCase : call('not', [ignoringCase], range, operatorRange);
}

/** A prefix operator is the first character of its expression. */
function prefixOperatorRange(range: Range): Range {
  return { start: range.start, end: range.start + 1 };
}
