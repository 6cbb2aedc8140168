import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { scan, TokenBuffer, TokenKind, unescapeString, type TokenStream } from './scanner';
import type {
  BinaryOperator,
  Declaration,
  DecoratorSyntax,
  DeployableValueSyntax,
  ErrorSyntax,
  ExpressionSyntax,
  ExtensionDeclaration,
  ForSyntax,
  FunctionParameterSyntax,
  Identifier,
  IfConditionSyntax,
  ImportedSymbolSyntax,
  ObjectMemberSyntax,
  ObjectSyntax,
  ObjectTypePropertySyntax,
  ProgramSyntax,
  ResourceDeclaration,
  SpreadSyntax,
  StringSegment,
  StringSyntax,
  TupleItemSyntax,
  TypeSyntax,
} from './syntax';

export interface ParseResult {
  readonly program: ProgramSyntax;
  readonly diagnostics: SyntaxDiagnostic[];
  readonly comments: Comment[];
}

export interface ParseOptions {
  /** a `.bicepparam` file: `param name = value` without a type */
  readonly parameterFile: boolean;
  /**
   * Called between declarations, object members and array items, and every few hundred tokens scanned; what it
   * throws (a time budget running out) ends the parse.
   */
  readonly check?: () => void;
}

const noCheck = (): void => {};

/** Beyond this many nested expressions or types, the rest of the nested part is skipped (bounds stack use). */
export const MAX_NESTING = 500;

/** Parsing is synchronous and never re-entered, so all parses can share one token buffer. */
const tokenBuffer = new TokenBuffer(4096);

export function parse(text: string, options: ParseOptions): ParseResult {
  const check = options.check ?? noCheck;
  const scanned = scan(text, tokenBuffer, check);
  const parser = new Parser(text, scanned.tokens, scanned.diagnostics, options.parameterFile, check);
  return { program: parser.program(), diagnostics: parser.diagnostics, comments: scanned.comments };
}

/** Thrown where the input cannot be what the grammar needs; caught at the nearest recovery point. */
class ParseFailure {
  constructor(
    readonly message: string,
    readonly range: Range,
  ) {}
}

const NO_DECORATORS: readonly DecoratorSyntax[] = [];

/** The keywords that start a declaration, used to spot where an unclosed bracket's content must have ended. */
const DECLARATION_KEYWORDS = new Set([
  'targetScope',
  'metadata',
  'param',
  'var',
  'output',
  'type',
  'func',
  'resource',
  'module',
  'test',
  'assert',
  'import',
  'extension',
  'provider',
  'using',
  'extends',
  'extensionConfig',
]);

/** The end of an interpolation hole: recovery inside one must not skip past it. */
const HOLE_END: readonly TokenKind[] = [
  TokenKind.StringMiddle,
  TokenKind.StringRight,
  TokenKind.MultilineMiddle,
  TokenKind.MultilineRight,
];

/** Where recovery after a broken expression stops (besides new lines and the end of the file). */
const EXPRESSION_END: readonly TokenKind[] = [TokenKind.RightBrace, TokenKind.RightParen, TokenKind.RightSquare, TokenKind.Comma, ...HOLE_END];

const CLOSER_TEXT: Partial<Record<TokenKind, string>> = {
  [TokenKind.RightBrace]: '}',
  [TokenKind.RightSquare]: ']',
  [TokenKind.RightParen]: ')',
  [TokenKind.GreaterThan]: '>',
};

function precedence(kind: TokenKind): number {
  switch (kind) {
    case TokenKind.Asterisk:
    case TokenKind.Slash:
    case TokenKind.Modulo:
      return 100;
    case TokenKind.Plus:
    case TokenKind.Minus:
      return 90;
    case TokenKind.GreaterThan:
    case TokenKind.GreaterThanOrEqual:
    case TokenKind.LessThan:
    case TokenKind.LessThanOrEqual:
      return 80;
    case TokenKind.Equals:
    case TokenKind.NotEquals:
    case TokenKind.EqualsInsensitive:
    case TokenKind.NotEqualsInsensitive:
      return 70;
    case TokenKind.LogicalAnd:
      return 50;
    case TokenKind.LogicalOr:
      return 40;
    case TokenKind.DoubleQuestion:
      return 30;
    default:
      return -1;
  }
}

const BINARY_OPERATORS: Partial<Record<TokenKind, BinaryOperator>> = {
  [TokenKind.Asterisk]: '*',
  [TokenKind.Slash]: '/',
  [TokenKind.Modulo]: '%',
  [TokenKind.Plus]: '+',
  [TokenKind.Minus]: '-',
  [TokenKind.GreaterThan]: '>',
  [TokenKind.GreaterThanOrEqual]: '>=',
  [TokenKind.LessThan]: '<',
  [TokenKind.LessThanOrEqual]: '<=',
  [TokenKind.Equals]: '==',
  [TokenKind.NotEquals]: '!=',
  [TokenKind.EqualsInsensitive]: '=~',
  [TokenKind.NotEqualsInsensitive]: '!~',
  [TokenKind.LogicalAnd]: '&&',
  [TokenKind.LogicalOr]: '||',
  [TokenKind.DoubleQuestion]: '??',
};

function isStringStart(kind: TokenKind): boolean {
  return (
    kind === TokenKind.StringComplete ||
    kind === TokenKind.StringLeft ||
    kind === TokenKind.MultilineComplete ||
    kind === TokenKind.MultilineLeft
  );
}

/** A piece that continues (`}...${`) or ends (`}...'`) an interpolated string. */
function isStringContinuation(kind: TokenKind): boolean {
  return (
    kind === TokenKind.StringMiddle ||
    kind === TokenKind.StringRight ||
    kind === TokenKind.MultilineMiddle ||
    kind === TokenKind.MultilineRight
  );
}

class Parser {
  readonly diagnostics: SyntaxDiagnostic[];
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private pos = 0;
  private depth = 0;
  private nestingReported = false;
  /** offsets that already have a diagnostic: one problem often trips several checks at the same place */
  private readonly reportedAt = new Set<number>();
  private lines: LineIndex | undefined;

  constructor(
    private readonly text: string,
    private readonly tokens: TokenStream,
    scanDiagnostics: SyntaxDiagnostic[],
    private readonly parameterFile: boolean,
    private readonly check: () => void,
  ) {
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.diagnostics = scanDiagnostics;
    for (const d of scanDiagnostics) this.reportedAt.add(d.range.start);
  }

  // ---- token access ----

  private kind(): TokenKind {
    return this.kinds[this.pos];
  }

  private kindAt(offset: number): TokenKind {
    const i = this.pos + offset;
    return i < this.tokens.count ? this.kinds[i] : TokenKind.EndOfFile;
  }

  private advance(): number {
    const i = this.pos;
    if (this.kinds[i] !== TokenKind.EndOfFile) this.pos++;
    return i;
  }

  private skipNewLine(): void {
    if (this.kinds[this.pos] === TokenKind.NewLine) this.pos++;
  }

  private tokenRange(i: number): Range {
    return { start: this.starts[i], end: this.ends[i] };
  }

  private tokenText(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  private isKeyword(word: string, offset = 0): boolean {
    const i = this.pos + offset;
    return (
      i < this.tokens.count &&
      this.kinds[i] === TokenKind.Identifier &&
      this.ends[i] - this.starts[i] === word.length &&
      this.text.startsWith(word, this.starts[i])
    );
  }

  /** The end of the last significant token consumed (line breaks excluded), where a node ends. */
  private lastEnd(): number {
    let i = this.pos - 1;
    if (i >= 0 && this.kinds[i] === TokenKind.NewLine) i--;
    return i >= 0 ? this.ends[i] : 0;
  }

  private rangeFrom(start: number): Range {
    return { start, end: Math.max(start, this.lastEnd()) };
  }

  private identifier(): Identifier {
    const i = this.advance();
    return { kind: 'identifier', name: this.tokenText(i), range: this.tokenRange(i) };
  }

  /**
   * An identifier at column 0 that starts a declaration: inside brackets, it means the brackets were left
   * unclosed (files being typed), so the enclosing constructs end there and the declaration is read normally.
   */
  private atDeclarationStart(): boolean {
    const start = this.starts[this.pos];
    if (start > 0) {
      const before = this.text.charCodeAt(start - 1);
      if (before !== 10 && before !== 13) return false;
    }
    if (!this.atDeclarationKeyword()) return false;
    const word = this.tokenText(this.pos);
    const next = this.kindAt(1);
    if (word === 'resource' && next === TokenKind.Identifier && this.kindAt(2) === TokenKind.StringComplete) {
      // a child resource with a relative type ('subnets@...') is nested even when written at column 0
      const type = this.pos + 2;
      return this.text.slice(this.tokens.innerStarts[type], this.tokens.innerEnds[type]).includes('/');
    }
    if (next === TokenKind.Identifier || isStringStart(next)) return true;
    if (word === 'targetScope') return next === TokenKind.Assignment;
    return word === 'import' && (next === TokenKind.LeftBrace || next === TokenKind.Asterisk);
  }

  private atDeclarationKeyword(): boolean {
    return this.kind() === TokenKind.Identifier && DECLARATION_KEYWORDS.has(this.tokenText(this.pos));
  }

  // ---- diagnostics and recovery ----

  private lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.text);
    return this.lines.positionAt(offset).line + 1;
  }

  private report(message: string, range: Range): void {
    if (this.reportedAt.has(range.start)) return;
    this.reportedAt.add(range.start);
    this.diagnostics.push({ message, range, severity: 'error', code: 'bicep-syntax' });
  }

  private describeCurrent(): string {
    switch (this.kind()) {
      case TokenKind.NewLine:
        return 'the end of the line';
      case TokenKind.EndOfFile:
        return 'the end of the file';
      default: {
        const text = this.tokenText(this.pos);
        return `'${text.length > 30 ? `${text.slice(0, 30)}...` : text}'`;
      }
    }
  }

  private expected(what: string): string {
    return `expected ${what} but found ${this.describeCurrent()}`;
  }

  private fail(what: string): never {
    throw new ParseFailure(this.expected(what), this.tokenRange(this.pos));
  }

  /** Reports `failure`, skips to one of `stopAt` (or a line break, or the end), and stands in for what was skipped. */
  private recover(failure: unknown, stopAt: readonly TokenKind[]): ErrorSyntax {
    if (!(failure instanceof ParseFailure)) throw failure;
    this.report(failure.message, failure.range);
    this.skipUntil(stopAt);
    return { kind: 'error', range: this.rangeFrom(failure.range.start) };
  }

  private skipUntil(stopAt: readonly TokenKind[]): void {
    for (;;) {
      const kind = this.kind();
      if (kind === TokenKind.NewLine || kind === TokenKind.EndOfFile || stopAt.includes(kind)) return;
      this.pos++;
    }
  }

  /** Skips the rest of the line (a broken declaration) and reports why, once. */
  private skipLine(message: string, range: Range): void {
    this.report(message, range);
    this.skipUntil([]);
  }

  private closeOrReport(closer: TokenKind, open: number, what: string): void {
    if (this.kind() === closer) {
      this.pos++;
      return;
    }
    const at = this.lastEnd();
    this.report(
      `expected '${CLOSER_TEXT[closer]}' to close the ${what} opened at line ${this.lineOf(this.starts[open])}`,
      { start: at, end: at },
    );
  }

  /**
   * Skips a part nested too deeply to analyse: up to the bracket, comma or line break that ends it, or a
   * declaration at the start of a line if its brackets are never closed.
   */
  private tooDeep(): ErrorSyntax {
    const start = this.starts[this.pos];
    if (!this.nestingReported) {
      this.nestingReported = true;
      this.report(`nesting deeper than ${MAX_NESTING} is not analysed`, this.tokenRange(this.pos));
    }
    let open = 0;
    for (;;) {
      const kind = this.kind();
      if (kind === TokenKind.EndOfFile || this.atDeclarationStart()) break;
      if (
        kind === TokenKind.LeftBrace ||
        kind === TokenKind.LeftSquare ||
        kind === TokenKind.LeftParen ||
        kind === TokenKind.StringLeft ||
        kind === TokenKind.MultilineLeft
      ) {
        open++;
      } else if (
        kind === TokenKind.RightBrace ||
        kind === TokenKind.RightSquare ||
        kind === TokenKind.RightParen ||
        kind === TokenKind.StringRight ||
        kind === TokenKind.MultilineRight
      ) {
        if (open === 0) break;
        open--;
      } else if (open === 0 && (kind === TokenKind.NewLine || kind === TokenKind.Comma || isStringContinuation(kind))) {
        break;
      }
      this.pos++;
    }
    return { kind: 'error', range: this.rangeFrom(start) };
  }

  /**
   * Ends an operator or accessor chain so long that its tree would nest too deeply: keeps what was read and
   * skips the rest of the expression.
   */
  private cutChain<T extends ExpressionSyntax | TypeSyntax>(read: T): T {
    this.tooDeep();
    return read;
  }

  /**
   * Reads the elements of an object, array, object type, tuple or import list: separated by line breaks or
   * commas, up to `closer`. The opening bracket at `open` is already consumed.
   */
  private lineElements(open: number, closer: TokenKind, what: string, element: () => void): void {
    if (this.kind() === closer) {
      this.pos++;
      return;
    }
    this.skipNewLine();
    for (;;) {
      this.check();
      const kind = this.kind();
      if (kind === closer) {
        this.pos++;
        return;
      }
      if (kind === TokenKind.EndOfFile || isStringContinuation(kind) || this.atDeclarationStart()) {
        this.closeOrReport(closer, open, what);
        return;
      }
      const before = this.pos;
      const depth = this.depth;
      try {
        element();
      } catch (failure) {
        this.depth = depth;
        this.recover(failure, [closer, ...HOLE_END]);
      }
      switch (this.kind()) {
        case TokenKind.NewLine:
          this.pos++;
          break;
        case TokenKind.Comma:
          this.pos++;
          if (this.kind() === TokenKind.NewLine) {
            this.report(`unexpected new line after ','; separate the elements of the ${what} with either commas or new lines`, this.tokenRange(this.pos - 1));
            this.pos++;
          }
          break;
        case closer:
        case TokenKind.EndOfFile:
          break;
        default:
          if (this.atDeclarationStart() || isStringContinuation(this.kind())) break;
          this.report(this.expected(`a new line or ',' between the elements of the ${what}`), this.tokenRange(this.pos));
          this.skipUntil([closer, TokenKind.Comma, ...HOLE_END]);
          if (this.kind() === TokenKind.Comma || this.kind() === TokenKind.NewLine) this.pos++;
      }
      if (this.pos === before) this.advance();
    }
  }

  /** Reads comma-separated elements (arguments, parameters) where line breaks are free, up to `closer`. */
  private commaElements(open: number, closer: TokenKind, what: string, element: () => void): void {
    this.skipNewLine();
    if (this.kind() === closer) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.kind() === TokenKind.EndOfFile || isStringContinuation(this.kind()) || this.atDeclarationStart()) {
        this.closeOrReport(closer, open, what);
        return;
      }
      const before = this.pos;
      const depth = this.depth;
      try {
        element();
      } catch (failure) {
        this.depth = depth;
        this.recover(failure, [closer, ...HOLE_END]);
      }
      this.skipNewLine();
      const kind = this.kind();
      if (kind === closer) {
        this.pos++;
        return;
      }
      if (kind === TokenKind.Comma) {
        const comma = this.advance();
        this.skipNewLine();
        if (this.kind() === closer) this.report(`unexpected ',' before '${CLOSER_TEXT[closer]}'`, this.tokenRange(comma));
      } else if (kind !== TokenKind.EndOfFile && !isStringContinuation(kind) && !this.atDeclarationStart()) {
        this.report(this.expected(`',' or '${CLOSER_TEXT[closer]}' in the ${what}`), this.tokenRange(this.pos));
        this.skipUntil([closer, TokenKind.Comma, ...HOLE_END]);
        if (this.kind() === TokenKind.Comma) this.pos++;
      }
      if (this.pos === before) this.advance();
    }
  }

  // ---- program and declarations ----

  program(): ProgramSyntax {
    const declarations: Declaration[] = [];
    while (this.kind() !== TokenKind.EndOfFile) {
      if (this.kind() === TokenKind.NewLine) {
        this.pos++;
        continue;
      }
      this.check();
      const declaration = this.declaration();
      if (declaration !== undefined) declarations.push(declaration);
      this.endOfDeclaration();
    }
    return { declarations, range: { start: 0, end: this.text.length } };
  }

  private endOfDeclaration(): void {
    const kind = this.kind();
    if (kind === TokenKind.NewLine) {
      this.pos++;
    } else if (kind !== TokenKind.EndOfFile && !this.atDeclarationStart()) {
      this.skipLine(this.expected('a new line after the declaration'), this.tokenRange(this.pos));
      this.skipNewLine();
    }
  }

  private declaration(): Declaration | undefined {
    const start = this.starts[this.pos];
    const decorators = this.decorators();
    if (this.kind() === TokenKind.Identifier) {
      switch (this.tokenText(this.pos)) {
        case 'targetScope':
          return this.targetScope(start, decorators);
        case 'metadata':
          return this.metadata(start, decorators);
        case 'param':
          return this.parameter(start, decorators);
        case 'var':
          return this.variable(start, decorators);
        case 'output':
          return this.output(start, decorators);
        case 'type':
          return this.typeDeclaration(start, decorators);
        case 'func':
          return this.functionDeclaration(start, decorators);
        case 'resource':
          return this.resource(start, decorators);
        case 'module':
          return this.module(start, decorators);
        case 'test':
          return this.test(start, decorators);
        case 'assert':
          return this.assert(start, decorators);
        case 'import':
          return this.importDeclaration(start, decorators);
        case 'extension':
        case 'provider':
          return this.extension(start, decorators);
        case 'using':
          return this.using(start, decorators);
        case 'extends':
          return this.extends(start, decorators);
        case 'extensionConfig':
          return this.extensionConfig(start, decorators);
      }
    }
    const what =
      decorators.length > 0
        ? 'a declaration after the decorators'
        : 'a declaration (param, var, resource, module, output, type, func, import...)';
    this.skipLine(this.expected(what), this.tokenRange(this.pos));
    return undefined;
  }

  private decorators(): readonly DecoratorSyntax[] {
    if (this.kind() !== TokenKind.At) return NO_DECORATORS;
    const decorators: DecoratorSyntax[] = [];
    while (this.kind() === TokenKind.At) {
      const start = this.starts[this.advance()];
      const depth = this.depth;
      let expression: ExpressionSyntax;
      try {
        expression = this.postfix();
      } catch (failure) {
        this.depth = depth;
        expression = this.recover(failure, []);
      }
      decorators.push({ expression, range: this.rangeFrom(start) });
      this.skipNewLine();
    }
    return decorators;
  }

  /** The name after a declaration keyword; when missing, the line is skipped and the declaration dropped. */
  private declarationName(what: string): Identifier | undefined {
    if (this.kind() === TokenKind.Identifier) return this.identifier();
    this.skipLine(this.expected(what), this.tokenRange(this.pos));
    return undefined;
  }

  /** `= value`: a missing `=` or value is reported and stands as an error in the declaration. */
  private assignedValue(): ExpressionSyntax {
    if (this.kind() !== TokenKind.Assignment) {
      const at = this.tokenRange(this.pos);
      this.skipLine(this.expected("'='"), at);
      return { kind: 'error', range: { start: at.start, end: at.start } };
    }
    this.pos++;
    return this.expressionOrError([]);
  }

  private targetScope(start: number, decorators: readonly DecoratorSyntax[]): Declaration {
    this.pos++;
    const value = this.assignedValue();
    return { kind: 'targetScope', decorators, value, range: this.rangeFrom(start) };
  }

  private metadata(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a metadata name');
    if (name === undefined) return undefined;
    const value = this.assignedValue();
    return { kind: 'metadata', decorators, name, value, range: this.rangeFrom(start) };
  }

  private parameter(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a parameter name');
    if (name === undefined) return undefined;
    let type: TypeSyntax | undefined;
    let value: ExpressionSyntax | undefined;
    if (!(this.parameterFile && this.kind() === TokenKind.Assignment)) {
      type = this.typeOrError([TokenKind.Assignment]);
    }
    if (this.kind() === TokenKind.Assignment || this.parameterFile) value = this.assignedValue();
    return { kind: 'param', decorators, name, type, value, range: this.rangeFrom(start) };
  }

  private variable(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a variable name');
    if (name === undefined) return undefined;
    const type = this.kind() === TokenKind.Assignment ? undefined : this.typeOrError([TokenKind.Assignment]);
    const value = this.assignedValue();
    return { kind: 'var', decorators, name, type, value, range: this.rangeFrom(start) };
  }

  private output(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('an output name');
    if (name === undefined) return undefined;
    const type = this.typeOrError([TokenKind.Assignment]);
    const value = this.assignedValue();
    return { kind: 'output', decorators, name, type, value, range: this.rangeFrom(start) };
  }

  private typeDeclaration(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a type name');
    if (name === undefined) return undefined;
    let value: TypeSyntax;
    if (this.kind() === TokenKind.Assignment) {
      this.pos++;
      value = this.typeOrError([]);
    } else {
      const at = this.tokenRange(this.pos);
      this.skipLine(this.expected("'='"), at);
      value = { kind: 'error', range: { start: at.start, end: at.start } };
    }
    return { kind: 'type', decorators, name, value, range: this.rangeFrom(start) };
  }

  private functionDeclaration(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a function name');
    if (name === undefined) return undefined;
    const parameters: FunctionParameterSyntax[] = [];
    if (this.kind() !== TokenKind.LeftParen) {
      const at = this.tokenRange(this.pos);
      this.skipLine(this.expected("'(' and the function's parameters"), at);
      const missing: ErrorSyntax = { kind: 'error', range: { start: at.start, end: at.start } };
      return { kind: 'func', decorators, name, parameters, returnType: missing, body: missing, range: this.rangeFrom(start) };
    }
    const open = this.advance();
    this.commaElements(open, TokenKind.RightParen, 'parameter list', () => {
      if (this.kind() !== TokenKind.Identifier) this.fail('a parameter name');
      const parameterName = this.identifier();
      const type = this.typeOrError([TokenKind.Comma, TokenKind.RightParen]);
      parameters.push({ name: parameterName, type, range: this.rangeFrom(parameterName.range.start) });
    });
    const returnType = this.typeOrError([TokenKind.Arrow]);
    let body: ExpressionSyntax;
    if (this.kind() === TokenKind.Arrow) {
      this.pos++;
      body = this.lambdaBody();
    } else {
      const at = this.tokenRange(this.pos);
      this.skipLine(this.expected("'=>' and the function's body"), at);
      body = { kind: 'error', range: { start: at.start, end: at.start } };
    }
    return { kind: 'func', decorators, name, parameters, returnType, body, range: this.rangeFrom(start) };
  }

  /** A string after a keyword (resource type, module path...); a missing one is reported without consuming. */
  private stringOrError(what: string): StringSyntax | ErrorSyntax {
    if (isStringStart(this.kind())) return this.string();
    const at = this.tokenRange(this.pos);
    this.report(this.expected(what), at);
    return { kind: 'error', range: { start: at.start, end: at.start } };
  }

  private resource(start: number, decorators: readonly DecoratorSyntax[]): ResourceDeclaration | undefined {
    this.pos++;
    const name = this.declarationName('a resource symbolic name');
    if (name === undefined) return undefined;
    const type = this.stringOrError("the resource type, like 'Microsoft.Storage/storageAccounts@2023-05-01'");
    let existing = false;
    if (this.isKeyword('existing')) {
      this.pos++;
      existing = true;
    }
    const value = this.deployableValue(true);
    return { kind: 'resource', decorators, name, type, existing, value, range: this.rangeFrom(start) };
  }

  private module(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a module symbolic name');
    if (name === undefined) return undefined;
    const path = this.stringOrError('the module path or registry reference');
    const value = this.deployableValue(false);
    return { kind: 'module', decorators, name, path, value, range: this.rangeFrom(start) };
  }

  /** `= {...}`, `= if (cond) {...}` or `= [for ...]` of a resource or module. */
  private deployableValue(allowResources: boolean): DeployableValueSyntax {
    if (this.kind() !== TokenKind.Assignment) {
      const at = this.tokenRange(this.pos);
      this.skipLine(this.expected("'='"), at);
      return { kind: 'error', range: { start: at.start, end: at.start } };
    }
    this.pos++;
    // `if` may go on the next line
    if (this.kind() === TokenKind.NewLine && this.isKeyword('if', 1)) this.pos++;
    const depth = this.depth;
    try {
      if (this.kind() === TokenKind.LeftBrace) return this.object(allowResources);
      if (this.isKeyword('if')) return this.ifCondition(allowResources);
      if (this.kind() === TokenKind.LeftSquare && this.atForExpression()) return this.forExpression(true, allowResources);
      this.fail("'{', 'if (...)' or '[for ...]' for the body");
    } catch (failure) {
      this.depth = depth;
      return this.recover(failure, []);
    }
  }

  private test(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('a test name');
    if (name === undefined) return undefined;
    const path = this.stringOrError('the path of the file to test');
    let value: ObjectSyntax | ErrorSyntax;
    if (this.kind() === TokenKind.Assignment && this.kindAt(1) === TokenKind.LeftBrace) {
      this.pos++;
      value = this.object(false);
    } else {
      const at = this.tokenRange(this.pos);
      this.skipLine(this.expected("'= {'"), at);
      value = { kind: 'error', range: { start: at.start, end: at.start } };
    }
    return { kind: 'test', decorators, name, path, value, range: this.rangeFrom(start) };
  }

  private assert(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('an assertion name');
    if (name === undefined) return undefined;
    const value = this.assignedValue();
    return { kind: 'assert', decorators, name, value, range: this.rangeFrom(start) };
  }

  private importDeclaration(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const symbols: ImportedSymbolSyntax[] = [];
    let wildcardAlias: Identifier | undefined;
    if (this.kind() === TokenKind.LeftBrace) {
      const open = this.advance();
      this.lineElements(open, TokenKind.RightBrace, 'import list', () => {
        const symbolStart = this.starts[this.pos];
        let name: Identifier | StringSyntax;
        if (this.kind() === TokenKind.Identifier) name = this.identifier();
        else if (isStringStart(this.kind())) name = this.string();
        else this.fail('the name of an exported symbol');
        let alias: Identifier | undefined;
        if (this.isKeyword('as')) {
          this.pos++;
          if (this.kind() !== TokenKind.Identifier) this.fail('an alias after \'as\'');
          alias = this.identifier();
        }
        symbols.push({ name, alias, range: this.rangeFrom(symbolStart) });
      });
    } else if (this.kind() === TokenKind.Asterisk) {
      this.pos++;
      if (!this.isKeyword('as') || this.kindAt(1) !== TokenKind.Identifier) {
        this.skipLine(this.expected("'as' and a namespace name"), this.tokenRange(this.pos));
        return undefined;
      }
      this.pos++;
      wildcardAlias = this.identifier();
    } else if (isStringStart(this.kind())) {
      return this.extensionRest(start, decorators, 'import', this.string());
    } else {
      this.skipLine(this.expected("'{', '*' or an extension to import"), this.tokenRange(this.pos));
      return undefined;
    }
    let from: StringSyntax | ErrorSyntax;
    if (this.isKeyword('from')) {
      this.pos++;
      from = this.stringOrError('the path of the file to import from');
    } else {
      const at = this.tokenRange(this.pos);
      this.report(this.expected("'from' and the path of the file to import from"), at);
      from = { kind: 'error', range: { start: at.start, end: at.start } };
    }
    return { kind: 'import', decorators, symbols, wildcardAlias, from, range: this.rangeFrom(start) };
  }

  private extension(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    const keyword = this.tokenText(this.advance()) as 'extension' | 'provider';
    let specification: Identifier | StringSyntax;
    if (this.kind() === TokenKind.Identifier) specification = this.identifier();
    else if (isStringStart(this.kind())) specification = this.string();
    else {
      this.skipLine(this.expected('the name or reference of the extension'), this.tokenRange(this.pos));
      return undefined;
    }
    return this.extensionRest(start, decorators, keyword, specification);
  }

  /** `[with {...}] [as alias]` after an extension's name. */
  private extensionRest(
    start: number,
    decorators: readonly DecoratorSyntax[],
    keyword: ExtensionDeclaration['keyword'],
    specification: Identifier | StringSyntax,
  ): ExtensionDeclaration {
    let config: ObjectSyntax | ErrorSyntax | undefined;
    let alias: Identifier | undefined;
    if (this.isKeyword('with')) {
      this.pos++;
      config = this.configObject();
    }
    if (this.isKeyword('as')) {
      this.pos++;
      if (this.kind() === TokenKind.Identifier) alias = this.identifier();
      else this.report(this.expected("an alias after 'as'"), this.tokenRange(this.pos));
    }
    return { kind: 'extension', decorators, keyword, specification, config, alias, range: this.rangeFrom(start) };
  }

  /** The object after `with`. */
  private configObject(): ObjectSyntax | ErrorSyntax {
    if (this.kind() === TokenKind.LeftBrace) return this.object(false);
    const at = this.tokenRange(this.pos);
    this.report(this.expected("'{' after 'with'"), at);
    return { kind: 'error', range: { start: at.start, end: at.start } };
  }

  private using(start: number, decorators: readonly DecoratorSyntax[]): Declaration {
    this.pos++;
    if (this.isKeyword('none')) {
      this.pos++;
      return { kind: 'using', decorators, range: this.rangeFrom(start) };
    }
    const path = this.stringOrError("the path of the template, or 'none'");
    let config: ObjectSyntax | ErrorSyntax | undefined;
    if (this.isKeyword('with')) {
      this.pos++;
      config = this.configObject();
    }
    return { kind: 'using', decorators, path, config, range: this.rangeFrom(start) };
  }

  private extends(start: number, decorators: readonly DecoratorSyntax[]): Declaration {
    this.pos++;
    const path = this.stringOrError('the path of the parameter file to extend');
    return { kind: 'extends', decorators, path, range: this.rangeFrom(start) };
  }

  private extensionConfig(start: number, decorators: readonly DecoratorSyntax[]): Declaration | undefined {
    this.pos++;
    const name = this.declarationName('the name of the extension to configure');
    if (name === undefined) return undefined;
    let config: ObjectSyntax | ErrorSyntax;
    if (this.isKeyword('with')) {
      this.pos++;
      config = this.configObject();
    } else {
      const at = this.tokenRange(this.pos);
      this.report(this.expected("'with' and the configuration object"), at);
      config = { kind: 'error', range: { start: at.start, end: at.start } };
    }
    return { kind: 'extensionConfig', decorators, name, config, range: this.rangeFrom(start) };
  }

  // ---- expressions ----

  /** An expression; when broken, the problem is reported and recovery skips to `stopAt` or the line's end. */
  private expressionOrError(stopAt: readonly TokenKind[]): ExpressionSyntax {
    const depth = this.depth;
    try {
      return this.expression();
    } catch (failure) {
      this.depth = depth;
      return this.recover(failure, stopAt);
    }
  }

  private expression(): ExpressionSyntax {
    if (this.depth >= MAX_NESTING) return this.tooDeep();
    this.depth++;
    let result = this.binary(0);
    // `?` and `:` may start a line
    if (this.kind() === TokenKind.NewLine && this.kindAt(1) === TokenKind.Question) this.pos++;
    if (this.kind() === TokenKind.Question) {
      this.pos++;
      const then = this.expressionOrError([TokenKind.Colon, ...EXPRESSION_END]);
      if (this.kind() === TokenKind.NewLine && this.kindAt(1) === TokenKind.Colon) this.pos++;
      let otherwise: ExpressionSyntax;
      if (this.kind() === TokenKind.Colon) {
        this.pos++;
        otherwise = this.expressionOrError(EXPRESSION_END);
      } else {
        const at = this.tokenRange(this.pos);
        this.report(this.expected("':' and the value when the condition is false"), at);
        otherwise = { kind: 'error', range: { start: at.start, end: at.start } };
      }
      result = { kind: 'ternary', test: result, then, else: otherwise, range: this.rangeFrom(result.range.start) };
    }
    this.depth--;
    return result;
  }

  private binary(minPrecedence: number): ExpressionSyntax {
    let left = this.unary();
    for (let chain = this.depth; ; chain++) {
      const kind = this.kind();
      const p = precedence(kind);
      if (p <= minPrecedence) return left;
      if (chain >= MAX_NESTING) return this.cutChain(left);
      const operator = this.advance();
      const depth = this.depth;
      let right: ExpressionSyntax;
      try {
        right = this.binary(p);
      } catch (failure) {
        this.depth = depth;
        right = this.recover(failure, EXPRESSION_END);
      }
      left = {
        kind: 'binary',
        operator: BINARY_OPERATORS[kind]!,
        operatorRange: this.tokenRange(operator),
        left,
        right,
        range: this.rangeFrom(left.range.start),
      };
    }
  }

  private unary(): ExpressionSyntax {
    let kind = this.kind();
    if (kind !== TokenKind.Exclamation && kind !== TokenKind.Minus) return this.postfix();
    // prefix operators are collected in a loop (not recursion) so long runs cannot exhaust the stack
    const operators: number[] = [];
    while (kind === TokenKind.Exclamation || kind === TokenKind.Minus) {
      if (operators.length + this.depth >= MAX_NESTING) return this.tooDeep();
      operators.push(this.advance());
      kind = this.kind();
    }
    let operand = this.postfix();
    for (let i = operators.length - 1; i >= 0; i--) {
      const op = operators[i];
      operand = {
        kind: 'unary',
        operator: this.kinds[op] === TokenKind.Minus ? '-' : '!',
        operand,
        range: { start: this.starts[op], end: operand.range.end },
      };
    }
    return operand;
  }

  private postfix(): ExpressionSyntax {
    let current = this.primary();
    const start = current.range.start;
    for (let chain = this.depth; ; chain++) {
      const kind = this.kind();
      if (
        kind !== TokenKind.LeftSquare &&
        kind !== TokenKind.Dot &&
        kind !== TokenKind.DotQuestion &&
        kind !== TokenKind.DoubleColon &&
        kind !== TokenKind.Exclamation
      ) {
        return current;
      }
      if (chain >= MAX_NESTING) return this.cutChain(current);
      switch (kind) {
        case TokenKind.LeftSquare: {
          const open = this.advance();
          const optional = this.kind() === TokenKind.Question;
          if (optional) this.pos++;
          const fromEnd = this.kind() === TokenKind.Hat;
          if (fromEnd) this.pos++;
          if (this.kind() === TokenKind.RightSquare) this.fail('an index');
          const index = this.expressionOrError([TokenKind.RightSquare]);
          this.closeOrReport(TokenKind.RightSquare, open, 'index');
          current = { kind: 'index', object: current, index, optional, fromEnd, range: this.rangeFrom(start) };
          break;
        }
        case TokenKind.Dot:
        case TokenKind.DotQuestion: {
          const optional = this.kinds[this.advance()] === TokenKind.DotQuestion;
          if (this.kind() !== TokenKind.Identifier) {
            // keep what was read so far (`foo.` while typing): report and stop here
            this.report(this.expected("a property or function name after '.'"), this.tokenRange(this.pos));
            return current;
          }
          const name = this.identifier();
          if (this.kind() === TokenKind.LeftParen) {
            const args = this.callArguments();
            current = {
              kind: 'call',
              receiver: current,
              name: name.name,
              nameRange: name.range,
              args,
              range: this.rangeFrom(start),
            };
          } else {
            current = {
              kind: 'member',
              object: current,
              property: name.name,
              propertyRange: name.range,
              optional,
              range: this.rangeFrom(start),
            };
          }
          break;
        }
        case TokenKind.DoubleColon: {
          this.pos++;
          if (this.kind() !== TokenKind.Identifier) {
            this.report(this.expected("a nested resource name after '::'"), this.tokenRange(this.pos));
            return current;
          }
          const name = this.identifier();
          current = {
            kind: 'resourceAccess',
            object: current,
            name: name.name,
            nameRange: name.range,
            range: this.rangeFrom(start),
          };
          break;
        }
        case TokenKind.Exclamation:
          this.pos++;
          current = { kind: 'nonNull', operand: current, range: this.rangeFrom(start) };
          break;
      }
    }
  }

  private primary(): ExpressionSyntax {
    const i = this.pos;
    switch (this.kinds[i]) {
      case TokenKind.Integer:
        this.pos++;
        return { kind: 'literal', value: Number(this.tokenText(i)), range: this.tokenRange(i) };
      case TokenKind.StringComplete:
      case TokenKind.StringLeft:
      case TokenKind.MultilineComplete:
      case TokenKind.MultilineLeft:
        return this.string();
      case TokenKind.LeftBrace:
        return this.object(false);
      case TokenKind.LeftSquare:
        return this.atForExpression() ? this.forExpression(false, false) : this.array();
      case TokenKind.LeftParen:
        return this.parenthesizedOrLambda();
      case TokenKind.Identifier: {
        const name = this.identifier();
        switch (name.name) {
          case 'true':
            return { kind: 'literal', value: true, range: name.range };
          case 'false':
            return { kind: 'literal', value: false, range: name.range };
          case 'null':
            return { kind: 'literal', value: null, range: name.range };
        }
        if (this.kind() === TokenKind.LeftParen) {
          const args = this.callArguments();
          return { kind: 'call', name: name.name, nameRange: name.range, args, range: this.rangeFrom(name.range.start) };
        }
        if (this.kind() === TokenKind.Arrow) {
          this.pos++;
          const body = this.lambdaBody();
          return { kind: 'lambda', parameters: [name], body, range: this.rangeFrom(name.range.start) };
        }
        return { kind: 'variable', name: name.name, range: name.range };
      }
      default:
        this.fail('an expression');
    }
  }

  /** The body after `=>`, which may start on the next line (unless that line starts a declaration). */
  private lambdaBody(): ExpressionSyntax {
    if (this.kind() === TokenKind.NewLine) {
      this.pos++;
      if (this.atDeclarationKeyword()) {
        const at = this.lastEnd();
        this.report("expected the lambda's body after '=>'", { start: at, end: at });
        return { kind: 'error', range: { start: at, end: at } };
      }
    }
    return this.expressionOrError([TokenKind.RightParen]);
  }

  private callArguments(): ExpressionSyntax[] {
    const args: ExpressionSyntax[] = [];
    const open = this.advance();
    this.commaElements(open, TokenKind.RightParen, 'function call', () => {
      args.push(this.expressionOrError([TokenKind.RightParen]));
    });
    return args;
  }

  /** `(expr)`, or a lambda `(a, b) => body` / `() => body`. */
  private parenthesizedOrLambda(): ExpressionSyntax {
    const open = this.advance();
    const start = this.starts[open];
    const items: ExpressionSyntax[] = [];
    this.commaElements(open, TokenKind.RightParen, 'parentheses', () => {
      items.push(this.expressionOrError([TokenKind.RightParen]));
    });
    if (this.kind() === TokenKind.Arrow) {
      this.pos++;
      const parameters: Identifier[] = [];
      for (const item of items) {
        if (item.kind === 'variable') parameters.push({ kind: 'identifier', name: item.name, range: item.range });
        else this.report('expected a lambda parameter name', item.range);
      }
      const body = this.lambdaBody();
      return { kind: 'lambda', parameters, body, range: this.rangeFrom(start) };
    }
    if (items.length !== 1) {
      const range = this.rangeFrom(start);
      this.report('expected exactly one expression in the parentheses', range);
      return { kind: 'error', range };
    }
    return { kind: 'paren', inner: items[0], range: this.rangeFrom(start) };
  }

  private string(): StringSyntax {
    const first = this.advance();
    const kind = this.kinds[first];
    const multiline = kind === TokenKind.MultilineComplete || kind === TokenKind.MultilineLeft;
    const segments: StringSegment[] = [this.segment(first)];
    const holes: ExpressionSyntax[] = [];
    if (kind === TokenKind.StringLeft || kind === TokenKind.MultilineLeft) {
      // the scanner ends every string it starts, if need be with an empty piece where the string was cut off
      for (;;) {
        holes.push(this.expressionOrError(EXPRESSION_END));
        if (!isStringContinuation(this.kind())) {
          this.report(this.expected("'}' to close the interpolation"), this.tokenRange(this.pos));
          this.skipUntil(HOLE_END);
          if (!isStringContinuation(this.kind())) {
            const end = this.lastEnd();
            segments.push({ value: '', range: { start: end, end } });
            break;
          }
        }
        const piece = this.advance();
        segments.push(this.segment(piece));
        const pieceKind = this.kinds[piece];
        if (pieceKind === TokenKind.StringRight || pieceKind === TokenKind.MultilineRight) break;
      }
    }
    return { kind: 'string', segments, holes, multiline, range: this.rangeFrom(this.starts[first]) };
  }

  private segment(i: number): StringSegment {
    const start = this.tokens.innerStarts[i];
    const end = this.tokens.innerEnds[i];
    const kind = this.kinds[i];
    const verbatim =
      kind === TokenKind.MultilineComplete ||
      kind === TokenKind.MultilineLeft ||
      kind === TokenKind.MultilineMiddle ||
      kind === TokenKind.MultilineRight;
    const value = verbatim ? this.text.slice(start, end) : unescapeString(this.text, start, end);
    return { value, range: { start, end } };
  }

  private object(allowResources: boolean): ObjectSyntax {
    const open = this.advance();
    const members: ObjectMemberSyntax[] = [];
    this.lineElements(open, TokenKind.RightBrace, 'object', () => {
      const member = this.objectMember(allowResources);
      if (member !== undefined) members.push(member);
    });
    return { kind: 'object', members, range: this.rangeFrom(this.starts[open]) };
  }

  private objectMember(allowResources: boolean): ObjectMemberSyntax | undefined {
    const start = this.starts[this.pos];
    if (
      allowResources &&
      (this.kind() === TokenKind.At || (this.isKeyword('resource') && this.kindAt(1) === TokenKind.Identifier))
    ) {
      if (this.depth >= MAX_NESTING) {
        this.tooDeep();
        return undefined;
      }
      const decorators = this.decorators();
      if (!this.isKeyword('resource')) this.fail('a nested resource declaration after the decorators');
      this.depth++;
      const nested = this.resource(start, decorators);
      this.depth--;
      return nested;
    }
    if (this.kind() === TokenKind.Ellipsis) return this.spread();
    let key: Identifier | StringSyntax;
    if (this.kind() === TokenKind.Identifier) key = this.identifier();
    else if (isStringStart(this.kind())) key = this.string();
    else this.fail('a property name');
    if (this.kind() !== TokenKind.Colon) this.fail("':' after the property name");
    this.pos++;
    const value = this.expressionOrError([TokenKind.RightBrace]);
    return { kind: 'property', key, value, range: this.rangeFrom(start) };
  }

  private spread(): SpreadSyntax {
    const start = this.starts[this.advance()];
    const value = this.expressionOrError([TokenKind.RightBrace, TokenKind.RightSquare]);
    return { kind: 'spread', value, range: this.rangeFrom(start) };
  }

  private array(): ExpressionSyntax {
    const open = this.advance();
    const items: (ExpressionSyntax | SpreadSyntax)[] = [];
    this.lineElements(open, TokenKind.RightSquare, 'array', () => {
      items.push(this.kind() === TokenKind.Ellipsis ? this.spread() : this.expressionOrError([TokenKind.RightSquare]));
    });
    return { kind: 'array', items, range: this.rangeFrom(this.starts[open]) };
  }

  /** At `[` followed by `for`, possibly on the next line. */
  private atForExpression(): boolean {
    return this.isKeyword('for', 1) || (this.kindAt(1) === TokenKind.NewLine && this.isKeyword('for', 2));
  }

  /** `[for ...]`; for resources and modules (`deployable`) the body is an object or an `if` condition. */
  private forExpression(deployable: boolean, allowResources: boolean): ForSyntax {
    const open = this.advance();
    this.skipNewLine();
    this.pos++; // for
    let item: Identifier | undefined;
    let index: Identifier | undefined;
    let source: ExpressionSyntax = { kind: 'error', range: this.tokenRange(this.pos) };
    let body: ExpressionSyntax | IfConditionSyntax = source;
    const depth = this.depth;
    try {
      if (this.kind() === TokenKind.Identifier) {
        item = this.identifier();
      } else if (this.kind() === TokenKind.LeftParen) {
        const variables = this.advance();
        if (this.kind() !== TokenKind.Identifier) this.fail('the loop item name');
        item = this.identifier();
        if (this.kind() !== TokenKind.Comma || this.kindAt(1) !== TokenKind.Identifier) this.fail("',' and the loop index name");
        this.pos++;
        index = this.identifier();
        this.closeOrReport(TokenKind.RightParen, variables, 'loop variables');
      } else {
        this.fail("the loop item name or '(item, index)'");
      }
      if (!this.isKeyword('in')) this.fail("'in'");
      this.pos++;
      source = this.expressionOrError([TokenKind.Colon, TokenKind.RightSquare]);
      if (this.kind() !== TokenKind.Colon) this.fail("':' and the loop body");
      this.pos++;
      // Bicep filters with `if` only in resource and module loops; as values, such loops are read too
      if (this.isKeyword('if') && this.kindAt(1) === TokenKind.LeftParen) body = this.ifCondition(allowResources);
      else if (!deployable) body = this.expressionOrError([TokenKind.RightSquare]);
      else if (this.kind() === TokenKind.LeftBrace) body = this.object(allowResources);
      else this.fail("'{' or 'if (...)' for the loop body");
    } catch (failure) {
      this.depth = depth;
      this.recover(failure, [TokenKind.RightSquare]);
    }
    if (this.kind() === TokenKind.NewLine && this.kindAt(1) === TokenKind.RightSquare) this.pos++;
    this.closeOrReport(TokenKind.RightSquare, open, 'loop');
    return { kind: 'for', item, index, source, body, range: this.rangeFrom(this.starts[open]) };
  }

  private ifCondition(allowResources: boolean): IfConditionSyntax {
    const start = this.starts[this.advance()];
    if (this.kind() !== TokenKind.LeftParen) this.fail("'(' and the condition after 'if'");
    const open = this.advance();
    this.skipNewLine();
    const condition = this.expressionOrError([TokenKind.RightParen]);
    this.skipNewLine();
    this.closeOrReport(TokenKind.RightParen, open, 'condition');
    let body: ObjectSyntax | ErrorSyntax;
    if (this.kind() === TokenKind.LeftBrace) {
      body = this.object(allowResources);
    } else {
      const at = this.tokenRange(this.pos);
      this.report(this.expected("'{' after the condition"), at);
      body = { kind: 'error', range: { start: at.start, end: at.start } };
    }
    return { kind: 'if', condition, body, range: this.rangeFrom(start) };
  }

  // ---- types ----

  private typeOrError(stopAt: readonly TokenKind[]): TypeSyntax {
    const depth = this.depth;
    try {
      return this.type();
    } catch (failure) {
      this.depth = depth;
      return this.recover(failure, stopAt);
    }
  }

  /** A type: a union of one or more members; `|` may start a line to continue the union. */
  private type(): TypeSyntax {
    if (this.depth >= MAX_NESTING) return this.tooDeep();
    this.depth++;
    const leadingPipe = this.atUnionPipe();
    if (leadingPipe) this.skipNewLine();
    const start = this.starts[this.pos];
    if (leadingPipe) this.pos++;
    const first = this.postfixType();
    let result = first;
    if (leadingPipe || this.atUnionPipe()) {
      const members = [first];
      while (this.atUnionPipe()) {
        this.skipNewLine();
        this.pos++;
        members.push(this.postfixType());
      }
      result = { kind: 'unionType', members, range: this.rangeFrom(start) };
    }
    this.depth--;
    return result;
  }

  private atUnionPipe(): boolean {
    const kind = this.kind();
    return kind === TokenKind.Pipe || (kind === TokenKind.NewLine && this.kindAt(1) === TokenKind.Pipe);
  }

  private postfixType(): TypeSyntax {
    let current = this.primaryType();
    const start = current.range.start;
    for (let chain = this.depth; ; chain++) {
      const next = this.kind();
      if (
        next !== TokenKind.LeftSquare &&
        next !== TokenKind.Question &&
        next !== TokenKind.Exclamation &&
        next !== TokenKind.Dot &&
        next !== TokenKind.LessThan
      ) {
        return current;
      }
      if (chain >= MAX_NESTING) return this.cutChain(current);
      switch (next) {
        case TokenKind.LeftSquare: {
          const open = this.advance();
          const kind = this.kind();
          if (kind === TokenKind.RightSquare) {
            this.pos++;
            current = { kind: 'arrayType', element: current, range: this.rangeFrom(start) };
            break;
          }
          let index: number | '*';
          if (kind === TokenKind.Asterisk) index = '*';
          else if (kind === TokenKind.Integer) index = Number(this.tokenText(this.pos));
          else this.fail("']', an index or '*'");
          this.pos++;
          this.closeOrReport(TokenKind.RightSquare, open, 'index');
          current = { kind: 'typeIndexAccess', base: current, index, range: this.rangeFrom(start) };
          break;
        }
        case TokenKind.Question:
          this.pos++;
          current = { kind: 'nullableType', base: current, range: this.rangeFrom(start) };
          break;
        case TokenKind.Exclamation:
          this.pos++;
          current = { kind: 'nonNullType', base: current, range: this.rangeFrom(start) };
          break;
        case TokenKind.Dot: {
          this.pos++;
          const kind = this.kind();
          if (kind !== TokenKind.Identifier && kind !== TokenKind.Asterisk) this.fail("a property name or '*' after '.'");
          const name = this.advance();
          current = {
            kind: 'typePropertyAccess',
            base: current,
            property: this.tokenText(name),
            propertyRange: this.tokenRange(name),
            range: this.rangeFrom(start),
          };
          break;
        }
        case TokenKind.LessThan: {
          if (current.kind !== 'typeReference' && current.kind !== 'typePropertyAccess') return current;
          const open = this.advance();
          const args: TypeSyntax[] = [];
          this.commaElements(open, TokenKind.GreaterThan, 'type arguments', () => {
            args.push(this.typeOrError([TokenKind.GreaterThan]));
          });
          current = { kind: 'typeInstantiation', base: current, args, range: this.rangeFrom(start) };
          break;
        }
      }
    }
  }

  private primaryType(): TypeSyntax {
    const i = this.pos;
    switch (this.kinds[i]) {
      case TokenKind.Identifier: {
        if (this.isKeyword('resource') && this.kindAt(1) !== TokenKind.LessThan) return this.resourceType();
        const word = this.tokenText(i);
        if (word === 'true' || word === 'false' || word === 'null') return this.literalType();
        this.pos++;
        return { kind: 'typeReference', name: word, range: this.tokenRange(i) };
      }
      case TokenKind.StringComplete:
      case TokenKind.StringLeft:
      case TokenKind.MultilineComplete:
      case TokenKind.MultilineLeft:
      case TokenKind.Integer:
        return this.literalType();
      case TokenKind.Minus:
      case TokenKind.Exclamation:
        return this.literalType();
      case TokenKind.LeftBrace:
        return this.objectType();
      case TokenKind.LeftSquare:
        return this.tupleType();
      case TokenKind.LeftParen: {
        const open = this.advance();
        this.skipNewLine();
        const inner = this.typeOrError([TokenKind.RightParen]);
        this.skipNewLine();
        this.closeOrReport(TokenKind.RightParen, open, 'parentheses');
        return { kind: 'parenthesizedType', inner, range: this.rangeFrom(this.starts[open]) };
      }
      default:
        this.fail('a type');
    }
  }

  /** A literal used as a type: `'a'`, `1`, `-1`, `true`, `!true`, `null`. */
  private literalType(): TypeSyntax {
    const kind = this.kind();
    if (kind !== TokenKind.Minus && kind !== TokenKind.Exclamation) {
      const value = this.primary();
      return { kind: 'typeLiteral', value, range: value.range };
    }
    const operator = this.advance();
    const operand = this.primary();
    const range = { start: this.starts[operator], end: operand.range.end };
    return {
      kind: 'typeLiteral',
      value: { kind: 'unary', operator: kind === TokenKind.Minus ? '-' : '!', operand, range },
      range,
    };
  }

  /** `resource 'type@version'`; an output may leave the type out (`output r resource = vault`). */
  private resourceType(): TypeSyntax {
    const start = this.starts[this.advance()];
    const type = isStringStart(this.kind()) ? this.string() : undefined;
    return { kind: 'resourceType', type, range: this.rangeFrom(start) };
  }

  private objectType(): TypeSyntax {
    const open = this.advance();
    const properties: ObjectTypePropertySyntax[] = [];
    this.lineElements(open, TokenKind.RightBrace, 'object type', () => {
      const start = this.starts[this.pos];
      const decorators = this.decorators();
      let key: ObjectTypePropertySyntax['key'];
      let keyRange: Range;
      const kind = this.kind();
      if (kind === TokenKind.Identifier) {
        key = this.identifier();
        keyRange = key.range;
      } else if (isStringStart(kind)) {
        key = this.string();
        keyRange = key.range;
      } else if (kind === TokenKind.Asterisk) {
        key = '*';
        keyRange = this.tokenRange(this.advance());
      } else {
        this.fail("a property name or '*'");
      }
      if (this.kind() !== TokenKind.Colon) this.fail("':' after the property name");
      this.pos++;
      const value = this.typeOrError([TokenKind.RightBrace]);
      properties.push({ decorators, key, keyRange, value, range: this.rangeFrom(start) });
    });
    return { kind: 'objectType', properties, range: this.rangeFrom(this.starts[open]) };
  }

  private tupleType(): TypeSyntax {
    const open = this.advance();
    const items: TupleItemSyntax[] = [];
    this.lineElements(open, TokenKind.RightSquare, 'tuple type', () => {
      const start = this.starts[this.pos];
      const decorators = this.decorators();
      const value = this.typeOrError([TokenKind.RightSquare]);
      items.push({ decorators, value, range: this.rangeFrom(start) });
    });
    return { kind: 'tupleType', items, range: this.rangeFrom(this.starts[open]) };
  }
}
