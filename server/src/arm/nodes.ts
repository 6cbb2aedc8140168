import type { CallExpr, ConditionalExpr, Expr, IndexExpr, LambdaExpr, LiteralExpr, MemberExpr, ReferenceExpr, ReferenceTarget } from '../model/expr';
import type { Range } from '../text/range';

/*
 * The nodes that ARM template expressions lower to. The parser builds them here, and so does the copying of a
 * repeated expression (`moved` in ./expression), so that a copy has exactly the keys of a node parsed afresh.
 * Object literals, not spreads: V8 can then allocate them straight into the old generation once it sees that
 * they live as long as the template does, which spares the garbage collector from copying them.
 */

export function literal(value: LiteralExpr['value'], range: Range): LiteralExpr {
  return { kind: 'literal', value, range };
}

export function reference(target: ReferenceTarget, name: string, range: Range): ReferenceExpr {
  return { kind: 'ref', target, name, range };
}

export function call(name: string, namespace: string | undefined, args: Expr[], range: Range, nameRange: Range): CallExpr {
  return namespace === undefined
    ? { kind: 'call', name, args, range, nameRange }
    : { kind: 'call', name, namespace, args, range, nameRange };
}

/** `.property`: ARM has no safe dereference. */
export function member(object: Expr, property: string, propertyRange: Range, range: Range): MemberExpr {
  return { kind: 'member', object, property, propertyRange, optional: false, range };
}

/** `[index]`: ARM has no safe dereference. */
export function index(object: Expr, index: Expr, range: Range): IndexExpr {
  return { kind: 'index', object, index, optional: false, range };
}

export function conditional(test: Expr, then: Expr, otherwise: Expr, range: Range): ConditionalExpr {
  return { kind: 'conditional', test, then, else: otherwise, range };
}

export function lambda(parameters: string[], body: Expr, range: Range): LambdaExpr {
  return { kind: 'lambda', parameters, body, range };
}
