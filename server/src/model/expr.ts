import type { Range } from '../text/range';

/**
 * The format-neutral expression tree that Bicep syntax and ARM template expressions are both lowered to.
 * Operators become calls with ARM's function names (`a == b` is `equals(a, b)`, `a ?? b` is `coalesce(a, b)`,
 * `!a` is `not(a)`), so one evaluator serves both formats. Every node carries the source range it came from;
 * for ARM expressions that range points inside the JSON string.
 */
export type Expr =
  | LiteralExpr
  | ObjectExpr
  | ArrayExpr
  | ReferenceExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | ConditionalExpr
  | ForExpr
  | LambdaExpr
  | InvalidExpr;

export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean | null;
  readonly range: Range;
}

export interface ObjectExpr {
  readonly kind: 'object';
  readonly entries: readonly ObjectEntry[];
  readonly range: Range;
}

export type ObjectEntry = PropertyEntryExpr | SpreadEntryExpr;

export interface PropertyEntryExpr {
  readonly kind: 'property';
  /** the key as written, unquoted and unescaped; an interpolated Bicep key is `undefined` (unknown) */
  readonly key: string | undefined;
  readonly keyRange: Range;
  readonly value: Expr;
  /** the whole entry: key, separator and value */
  readonly range: Range;
}

export interface SpreadEntryExpr {
  readonly kind: 'spread';
  readonly value: Expr;
  readonly range: Range;
}

export interface ArrayExpr {
  readonly kind: 'array';
  readonly items: readonly (Expr | SpreadEntryExpr)[];
  readonly range: Range;
}

/** What a name refers to, as resolved by the format's lowering (Bicep by scope, ARM by `parameters('x')` etc.). */
export type ReferenceTarget =
  | 'parameter'
  | 'variable'
  | 'resource'
  | 'module'
  | 'output'
  | 'function'
  /** a loop variable, lambda parameter or other local binding */
  | 'local'
  /** an imported symbol or a namespace such as `az`/`sys` */
  | 'import'
  | 'unresolved';

export interface ReferenceExpr {
  readonly kind: 'ref';
  readonly target: ReferenceTarget;
  readonly name: string;
  readonly range: Range;
}

export interface CallExpr {
  readonly kind: 'call';
  /** function name as written (ARM function names are case-insensitive; compare with `name.toLowerCase()`) */
  readonly name: string;
  /** `az`, `sys` or a user namespace, when written qualified */
  readonly namespace?: string;
  readonly args: readonly Expr[];
  readonly range: Range;
  /** where the function name is written (for an operator: the operator token) */
  readonly nameRange: Range;
}

export interface MemberExpr {
  readonly kind: 'member';
  readonly object: Expr;
  readonly property: string;
  readonly propertyRange: Range;
  /** `.?` safe dereference */
  readonly optional: boolean;
  readonly range: Range;
}

export interface IndexExpr {
  readonly kind: 'index';
  readonly object: Expr;
  readonly index: Expr;
  /** `[?` safe dereference */
  readonly optional: boolean;
  readonly range: Range;
}

export interface ConditionalExpr {
  readonly kind: 'conditional';
  readonly test: Expr;
  readonly then: Expr;
  readonly else: Expr;
  readonly range: Range;
}

/** A Bicep `[for item in source: body]` or ARM property `copy` used as a value. */
export interface ForExpr {
  readonly kind: 'for';
  readonly itemName?: string;
  readonly indexName?: string;
  readonly source: Expr;
  readonly body: Expr;
  /** a Bicep `[for ...: if (cond) body]` filter */
  readonly condition?: Expr;
  readonly range: Range;
}

export interface LambdaExpr {
  readonly kind: 'lambda';
  readonly parameters: readonly string[];
  readonly body: Expr;
  readonly range: Range;
}

/** Text that could not be lowered (a syntax error, an unsupported construct); evaluates to unknown with `reason`. */
export interface InvalidExpr {
  readonly kind: 'invalid';
  readonly reason: string;
  readonly range: Range;
}
