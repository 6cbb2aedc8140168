import type { Range } from '../text/range';

/**
 * The Bicep syntax tree. It keeps what the lowering to the model and future editor features need (every node's
 * exact range, names, structure) and drops punctuation. Where the source is broken, an `ErrorSyntax` stands in
 * for the missing or skipped part; the diagnostic explaining it is reported separately.
 */

export interface Identifier {
  readonly kind: 'identifier';
  readonly name: string;
  readonly range: Range;
}

export interface ErrorSyntax {
  readonly kind: 'error';
  readonly range: Range;
}

// ---- expressions ----

export type ExpressionSyntax =
  | StringSyntax
  | LiteralSyntax
  | ObjectSyntax
  | ArraySyntax
  | ForSyntax
  | VariableSyntax
  | CallSyntax
  | MemberSyntax
  | IndexSyntax
  | ResourceAccessSyntax
  | UnarySyntax
  | NonNullSyntax
  | BinarySyntax
  | TernarySyntax
  | LambdaSyntax
  | ParenthesizedSyntax
  | ErrorSyntax;

export interface StringSegment {
  /** the characters' value: escapes replaced in single-line strings, verbatim in multi-line ones */
  readonly value: string;
  /** the characters between the delimiters (`'`, `${`, `}`) */
  readonly range: Range;
}

/** `'a${b}c'` has segments `a`, `c` and one hole `b`; a plain string has one segment and no holes. */
export interface StringSyntax {
  readonly kind: 'string';
  readonly segments: readonly StringSegment[];
  readonly holes: readonly ExpressionSyntax[];
  readonly multiline: boolean;
  readonly range: Range;
}

export interface LiteralSyntax {
  readonly kind: 'literal';
  readonly value: number | boolean | null;
  readonly range: Range;
}

export interface PropertySyntax {
  readonly kind: 'property';
  readonly key: Identifier | StringSyntax;
  readonly value: ExpressionSyntax;
  readonly range: Range;
}

/** `...expr` in an object or array */
export interface SpreadSyntax {
  readonly kind: 'spread';
  readonly value: ExpressionSyntax;
  readonly range: Range;
}

export type ObjectMemberSyntax = PropertySyntax | SpreadSyntax | ResourceDeclaration;

export interface ObjectSyntax {
  readonly kind: 'object';
  /** nested resource declarations appear here only in a resource's body */
  readonly members: readonly ObjectMemberSyntax[];
  readonly range: Range;
}

export interface ArraySyntax {
  readonly kind: 'array';
  readonly items: readonly (ExpressionSyntax | SpreadSyntax)[];
  readonly range: Range;
}

/** `[for item in source: body]`, `[for (item, index) in source: body]` */
export interface ForSyntax {
  readonly kind: 'for';
  readonly item?: Identifier;
  readonly index?: Identifier;
  readonly source: ExpressionSyntax;
  /** an `if` filter: Bicep allows it in resource and module loops (value loops with one are read too) */
  readonly body: ExpressionSyntax | IfConditionSyntax;
  readonly range: Range;
}

/** `if (condition) { ... }`: the value of a conditional resource or module, or the body of its loop */
export interface IfConditionSyntax {
  readonly kind: 'if';
  readonly condition: ExpressionSyntax;
  readonly body: ObjectSyntax | ErrorSyntax;
  readonly range: Range;
}

export interface VariableSyntax {
  readonly kind: 'variable';
  readonly name: string;
  readonly range: Range;
}

/** `f(x)`, or `receiver.f(x)` for namespaced (`az.resourceGroup()`) and instance (`kv.getSecret('s')`) calls */
export interface CallSyntax {
  readonly kind: 'call';
  readonly receiver?: ExpressionSyntax;
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly ExpressionSyntax[];
  readonly range: Range;
}

export interface MemberSyntax {
  readonly kind: 'member';
  readonly object: ExpressionSyntax;
  readonly property: string;
  readonly propertyRange: Range;
  /** `.?` */
  readonly optional: boolean;
  readonly range: Range;
}

export interface IndexSyntax {
  readonly kind: 'index';
  readonly object: ExpressionSyntax;
  readonly index: ExpressionSyntax;
  /** `[?` */
  readonly optional: boolean;
  /** `[^n]`: the n-th item from the end */
  readonly fromEnd: boolean;
  readonly range: Range;
}

/** `parent::child` */
export interface ResourceAccessSyntax {
  readonly kind: 'resourceAccess';
  readonly object: ExpressionSyntax;
  readonly name: string;
  readonly nameRange: Range;
  readonly range: Range;
}

export interface UnarySyntax {
  readonly kind: 'unary';
  readonly operator: '!' | '-';
  readonly operand: ExpressionSyntax;
  readonly range: Range;
}

/** `x!` */
export interface NonNullSyntax {
  readonly kind: 'nonNull';
  readonly operand: ExpressionSyntax;
  readonly range: Range;
}

export type BinaryOperator =
  | '=='
  | '!='
  | '=~'
  | '!~'
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||'
  | '??'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface BinarySyntax {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly operatorRange: Range;
  readonly left: ExpressionSyntax;
  readonly right: ExpressionSyntax;
  readonly range: Range;
}

export interface TernarySyntax {
  readonly kind: 'ternary';
  readonly test: ExpressionSyntax;
  readonly then: ExpressionSyntax;
  readonly else: ExpressionSyntax;
  readonly range: Range;
}

export interface LambdaSyntax {
  readonly kind: 'lambda';
  readonly parameters: readonly Identifier[];
  readonly body: ExpressionSyntax;
  readonly range: Range;
}

export interface ParenthesizedSyntax {
  readonly kind: 'paren';
  readonly inner: ExpressionSyntax;
  readonly range: Range;
}

// ---- types ----

export type TypeSyntax =
  | TypeReferenceSyntax
  | TypeLiteralSyntax
  | ObjectTypeSyntax
  | TupleTypeSyntax
  | UnionTypeSyntax
  | ArrayTypeSyntax
  | NullableTypeSyntax
  | NonNullTypeSyntax
  | ResourceTypeSyntax
  | TypePropertyAccessSyntax
  | TypeIndexAccessSyntax
  | TypeInstantiationSyntax
  | ParenthesizedTypeSyntax
  | ErrorSyntax;

/** `string`, `myType`; qualified names are property accesses (`sys.string`) */
export interface TypeReferenceSyntax {
  readonly kind: 'typeReference';
  readonly name: string;
  readonly range: Range;
}

/** `'a'`, `10`, `-10`, `true`, `!true`, `null` */
export interface TypeLiteralSyntax {
  readonly kind: 'typeLiteral';
  readonly value: ExpressionSyntax;
  readonly range: Range;
}

export interface ObjectTypePropertySyntax {
  readonly decorators: readonly DecoratorSyntax[];
  /** `*` for the additional-properties entry */
  readonly key: Identifier | StringSyntax | '*';
  readonly keyRange: Range;
  readonly value: TypeSyntax;
  readonly range: Range;
}

export interface ObjectTypeSyntax {
  readonly kind: 'objectType';
  readonly properties: readonly ObjectTypePropertySyntax[];
  readonly range: Range;
}

export interface TupleItemSyntax {
  readonly decorators: readonly DecoratorSyntax[];
  readonly value: TypeSyntax;
  readonly range: Range;
}

export interface TupleTypeSyntax {
  readonly kind: 'tupleType';
  readonly items: readonly TupleItemSyntax[];
  readonly range: Range;
}

export interface UnionTypeSyntax {
  readonly kind: 'unionType';
  readonly members: readonly TypeSyntax[];
  readonly range: Range;
}

/** `string[]` */
export interface ArrayTypeSyntax {
  readonly kind: 'arrayType';
  readonly element: TypeSyntax;
  readonly range: Range;
}

/** `string?` */
export interface NullableTypeSyntax {
  readonly kind: 'nullableType';
  readonly base: TypeSyntax;
  readonly range: Range;
}

/** `nullable!` */
export interface NonNullTypeSyntax {
  readonly kind: 'nonNullType';
  readonly base: TypeSyntax;
  readonly range: Range;
}

/** `resource 'Microsoft.KeyVault/vaults@2023-07-01'` */
export interface ResourceTypeSyntax {
  readonly kind: 'resourceType';
  /** absent in an output's `resource` type, which takes the type of its value */
  readonly type?: StringSyntax;
  readonly range: Range;
}

/** `foo.bar`, `sys.string`, `dictionary.*` */
export interface TypePropertyAccessSyntax {
  readonly kind: 'typePropertyAccess';
  readonly base: TypeSyntax;
  /** `*` for the additional-properties type */
  readonly property: string;
  readonly propertyRange: Range;
  readonly range: Range;
}

/** `tuple[1]`, `array[*]` */
export interface TypeIndexAccessSyntax {
  readonly kind: 'typeIndexAccess';
  readonly base: TypeSyntax;
  readonly index: number | '*';
  readonly range: Range;
}

/** `resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>` */
export interface TypeInstantiationSyntax {
  readonly kind: 'typeInstantiation';
  readonly base: TypeSyntax;
  readonly args: readonly TypeSyntax[];
  readonly range: Range;
}

export interface ParenthesizedTypeSyntax {
  readonly kind: 'parenthesizedType';
  readonly inner: TypeSyntax;
  readonly range: Range;
}

// ---- declarations ----

/** `@name(args)` or `@ns.name(args)`: the expression is a call (or an error) */
export interface DecoratorSyntax {
  readonly expression: ExpressionSyntax;
  readonly range: Range;
}

interface DeclarationBase {
  readonly decorators: readonly DecoratorSyntax[];
  /** the whole declaration, decorators included */
  readonly range: Range;
}

export type Declaration =
  | TargetScopeDeclaration
  | MetadataDeclaration
  | ParameterDeclaration
  | VariableDeclaration
  | OutputDeclaration
  | TypeDeclaration
  | FunctionDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | TestDeclaration
  | AssertDeclaration
  | ImportDeclaration
  | ExtensionDeclaration
  | UsingDeclaration
  | ExtendsDeclaration
  | ExtensionConfigDeclaration;

export interface TargetScopeDeclaration extends DeclarationBase {
  readonly kind: 'targetScope';
  readonly value: ExpressionSyntax;
}

export interface MetadataDeclaration extends DeclarationBase {
  readonly kind: 'metadata';
  readonly name: Identifier;
  readonly value: ExpressionSyntax;
}

/** In a `.bicepparam` file the type is absent and the value is the parameter's assigned value. */
export interface ParameterDeclaration extends DeclarationBase {
  readonly kind: 'param';
  readonly name: Identifier;
  readonly type?: TypeSyntax;
  readonly value?: ExpressionSyntax;
}

export interface VariableDeclaration extends DeclarationBase {
  readonly kind: 'var';
  readonly name: Identifier;
  readonly type?: TypeSyntax;
  readonly value: ExpressionSyntax;
}

export interface OutputDeclaration extends DeclarationBase {
  readonly kind: 'output';
  readonly name: Identifier;
  readonly type: TypeSyntax;
  readonly value: ExpressionSyntax;
}

export interface TypeDeclaration extends DeclarationBase {
  readonly kind: 'type';
  readonly name: Identifier;
  readonly value: TypeSyntax;
}

export interface FunctionParameterSyntax {
  readonly name: Identifier;
  readonly type: TypeSyntax;
  readonly range: Range;
}

export interface FunctionDeclaration extends DeclarationBase {
  readonly kind: 'func';
  readonly name: Identifier;
  readonly parameters: readonly FunctionParameterSyntax[];
  readonly returnType: TypeSyntax;
  readonly body: ExpressionSyntax;
}

export type DeployableValueSyntax = ObjectSyntax | IfConditionSyntax | ForSyntax | ErrorSyntax;

export interface ResourceDeclaration extends DeclarationBase {
  readonly kind: 'resource';
  readonly name: Identifier;
  readonly type: StringSyntax | ErrorSyntax;
  readonly existing: boolean;
  readonly value: DeployableValueSyntax;
}

export interface ModuleDeclaration extends DeclarationBase {
  readonly kind: 'module';
  readonly name: Identifier;
  readonly path: StringSyntax | ErrorSyntax;
  readonly value: DeployableValueSyntax;
}

export interface TestDeclaration extends DeclarationBase {
  readonly kind: 'test';
  readonly name: Identifier;
  readonly path: StringSyntax | ErrorSyntax;
  readonly value: ObjectSyntax | ErrorSyntax;
}

export interface AssertDeclaration extends DeclarationBase {
  readonly kind: 'assert';
  readonly name: Identifier;
  readonly value: ExpressionSyntax;
}

export interface ImportedSymbolSyntax {
  /** the exported name; quoted when it is not a valid identifier */
  readonly name: Identifier | StringSyntax;
  readonly alias?: Identifier;
  readonly range: Range;
}

/** `import {a, b as c} from 'x'` or `import * as ns from 'x'` */
export interface ImportDeclaration extends DeclarationBase {
  readonly kind: 'import';
  readonly symbols: readonly ImportedSymbolSyntax[];
  readonly wildcardAlias?: Identifier;
  readonly from: StringSyntax | ErrorSyntax;
}

/** `extension az`, `extension 'br:...' with {...} as alias`, and the older `provider`/`import 'az@1.0.0'` forms */
export interface ExtensionDeclaration extends DeclarationBase {
  readonly kind: 'extension';
  readonly keyword: 'extension' | 'provider' | 'import';
  readonly specification: Identifier | StringSyntax | ErrorSyntax;
  readonly config?: ObjectSyntax | ErrorSyntax;
  readonly alias?: Identifier;
}

/** `using 'main.bicep'`, `using none`, `using 'main.bicep' with {...}` */
export interface UsingDeclaration extends DeclarationBase {
  readonly kind: 'using';
  /** absent for `using none` */
  readonly path?: StringSyntax | ErrorSyntax;
  readonly config?: ObjectSyntax | ErrorSyntax;
}

export interface ExtendsDeclaration extends DeclarationBase {
  readonly kind: 'extends';
  readonly path: StringSyntax | ErrorSyntax;
}

/** `.bicepparam`: `extensionConfig name with {...}` */
export interface ExtensionConfigDeclaration extends DeclarationBase {
  readonly kind: 'extensionConfig';
  readonly name: Identifier;
  readonly config: ObjectSyntax | ErrorSyntax;
}

export interface ProgramSyntax {
  readonly declarations: readonly Declaration[];
  readonly range: Range;
}
