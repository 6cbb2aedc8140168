import type { Expr } from '../model/expr';
import { shifted, type Range } from '../text/range';
import type { SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { lowerCall } from './calls';
import { decodedOffsets } from './jsonString';
import { call, conditional, index, lambda, literal, member, reference } from './nodes';
import { exactCopy, Scratch } from './scratch';

/** Deeper than any real expression (ARM caps them at 24,576 characters) but safe for recursive consumers. */
const MAX_EXPRESSION_DEPTH = 128;

export interface ParsedExpression {
  readonly expr: Expr;
  readonly diagnostic?: SyntaxDiagnostic;
}

/**
 * Parses the ARM template expression held by the JSON string token `text[start, end)`, whose decoded value is
 * `value` (brackets included). Node ranges are document offsets: they account for JSON escapes in the token.
 * A malformed expression yields an InvalidExpr and a diagnostic ranged inside the string.
 */
export function parseArmExpression(text: string, value: string, start: number, end: number): ParsedExpression {
  return new ArmExpressionParser().parse(text, value, start, end);
}

class ExpressionError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/**
 * Recursive descent over the decoded string; positions are indices into it until `range` maps them. One parser
 * reads all the expressions of a document, in turn. Templates repeat the same expressions, such as
 * `[parameters('location')]` hundreds of times: one read before, where its token had no escapes, is copied with
 * its ranges moved instead of parsed again.
 */
export class ArmExpressionParser {
  /** expressions read without error and without escapes, by text, and the offset of the token they were read at */
  private readonly parsed = new Map<string, { readonly expr: Expr; readonly start: number }>();
  private source = '';
  private base = 0;
  private offsets: Int32Array | undefined;
  private pos = 1;
  private depth = 0;
  /** index of the closing `]` */
  private last = 0;
  private readonly args = new Scratch<Expr>();

  /** As `parseArmExpression`. */
  parse(text: string, value: string, start: number, end: number): ParsedExpression {
    const hasEscapes = end - start - 2 !== value.length;
    if (hasEscapes) return this.read(text, value, start, end, true);
    const seen = this.parsed.get(value);
    if (seen !== undefined) return { expr: moved(seen.expr, start - seen.start) };
    const parsed = this.read(text, value, start, end, false);
    if (parsed.diagnostic === undefined) this.parsed.set(value, { expr: parsed.expr, start });
    return parsed;
  }

  private read(text: string, value: string, start: number, end: number, hasEscapes: boolean): ParsedExpression {
    this.source = value;
    this.base = start + 1;
    this.offsets = hasEscapes ? decodedOffsets(text, start, end) : undefined;
    this.pos = 1;
    this.depth = 0;
    this.last = value.length - 1;
    try {
      return { expr: this.parseExpression() };
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.args.clear();
      const range = this.range(error.start, error.end);
      return {
        expr: { kind: 'invalid', reason: `invalid template expression: ${error.message}`, range: this.range(0, value.length) },
        diagnostic: { message: error.message, range, severity: 'error', code: 'arm-expression' },
      };
    }
  }

  private parseExpression(): Expr {
    this.skipSpace();
    if (this.pos === this.last) throw new ExpressionError('empty expression', 0, this.source.length);
    const expr = this.parseChain();
    this.skipSpace();
    if (this.pos !== this.last) this.fail(`unexpected ${this.describe()} after the expression`);
    return expr;
  }

  private range(start: number, end: number): Range {
    const offsets = this.offsets;
    return offsets === undefined ? { start: this.base + start, end: this.base + end } : { start: offsets[start], end: offsets[end] };
  }

  /** A primary expression followed by any `.property` and `[index]` accessors. */
  private parseChain(): Expr {
    if (++this.depth > MAX_EXPRESSION_DEPTH) this.fail(`expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep`);
    const start = this.pos;
    const depth = this.depth;
    let expr = this.parsePrimary();
    for (;;) {
      this.skipSpace();
      const ch = this.source.charCodeAt(this.pos);
      // Each accessor nests the expression one level deeper (`a[0][0]...` is as deep as it is long).
      if ((ch === 0x2e || ch === 0x5b) && ++this.depth > MAX_EXPRESSION_DEPTH) this.fail(`expression nested more than ${MAX_EXPRESSION_DEPTH} levels deep`);
      if (ch === 0x2e) {
        this.pos++;
        this.skipSpace();
        const nameStart = this.pos;
        const property = this.readIdentifier();
        if (property === '') this.fail(`expected a property name after '.', found ${this.describe()}`);
        expr = member(expr, property, this.range(nameStart, this.pos), this.range(start, this.pos));
      } else if (ch === 0x5b) {
        this.pos++;
        this.skipSpace();
        const inner = this.parseChain();
        this.expect(0x5d, "']'");
        expr = index(expr, inner, this.range(start, this.pos));
      } else {
        break;
      }
    }
    this.depth = depth - 1;
    return expr;
  }

  private parsePrimary(): Expr {
    const ch = this.source.charCodeAt(this.pos);
    if (ch === 0x27) return this.parseString();
    if (isDigit(ch) || ch === 0x2d) return this.parseNumber();
    const start = this.pos;
    const name = this.readIdentifier();
    if (name === '') this.fail(`expected a function call, string or number, found ${this.describe()}`);
    let nameEnd = this.pos;
    this.skipSpace();
    let namespace: string | undefined;
    let functionName = name;
    let nameStart = start;
    if (this.source.charCodeAt(this.pos) === 0x2e) {
      // `ns.fn(...)`: a user-defined function; a property access can only follow a call, never a bare name
      this.pos++;
      this.skipSpace();
      nameStart = this.pos;
      functionName = this.readIdentifier();
      if (functionName === '') this.fail(`expected a function name after '${name}.', found ${this.describe()}`);
      namespace = name;
      nameEnd = this.pos;
      this.skipSpace();
    }
    if (this.source.charCodeAt(this.pos) !== 0x28) {
      if (namespace === undefined) {
        const lower = name.toLowerCase();
        if (lower === 'true' || lower === 'false') return literal(lower === 'true', this.range(start, nameEnd));
        if (lower === 'null') return literal(null, this.range(start, nameEnd));
      }
      this.fail(`expected '(' after function name '${functionName}', found ${this.describe()}`);
    }
    this.pos++;
    const args = this.parseArguments();
    return lowerCall(functionName, namespace, args, this.range(start, this.pos), this.range(nameStart, nameEnd));
  }

  /** Arguments after `(`, through the closing `)`. */
  private parseArguments(): Expr[] {
    const mark = this.args.mark;
    this.skipSpace();
    if (this.source.charCodeAt(this.pos) === 0x29) {
      this.pos++;
      return this.args.take(mark);
    }
    for (;;) {
      this.skipSpace();
      this.args.push(this.parseChain());
      this.skipSpace();
      const ch = this.source.charCodeAt(this.pos);
      this.pos++;
      if (ch === 0x29) return this.args.take(mark);
      if (ch !== 0x2c) {
        this.pos--;
        this.fail(`expected ',' or ')' in the argument list, found ${this.describe()}`);
      }
    }
  }

  /** A single-quoted string; `''` stands for one quote. */
  private parseString(): Expr {
    const source = this.source;
    const start = this.pos;
    let value = '';
    let chunk = start + 1;
    for (let pos = chunk; pos < this.last; pos++) {
      if (source.charCodeAt(pos) !== 0x27) continue;
      value += source.slice(chunk, pos);
      if (source.charCodeAt(pos + 1) === 0x27) {
        value += "'";
        chunk = ++pos + 1;
        continue;
      }
      this.pos = pos + 1;
      return literal(value, this.range(start, this.pos));
    }
    throw new ExpressionError("unterminated string: expected a closing '", start, this.last);
  }

  private parseNumber(): Expr {
    const source = this.source;
    const start = this.pos;
    if (source.charCodeAt(this.pos) === 0x2d) this.pos++;
    const digitsStart = this.pos;
    while (isDigit(source.charCodeAt(this.pos))) this.pos++;
    if (this.pos === digitsStart) this.fail(`expected a digit after '-', found ${this.describe()}`);
    if (source.charCodeAt(this.pos) === 0x2e && isDigit(source.charCodeAt(this.pos + 1))) {
      this.pos++;
      while (isDigit(source.charCodeAt(this.pos))) this.pos++;
    }
    return literal(Number(source.slice(start, this.pos)), this.range(start, this.pos));
  }

  private readIdentifier(): string {
    const source = this.source;
    const start = this.pos;
    if (!isIdentifierStart(source.charCodeAt(start))) return '';
    let pos = start + 1;
    while (pos < this.last && isIdentifierPart(source.charCodeAt(pos))) pos++;
    this.pos = pos;
    return source.slice(start, pos);
  }

  private expect(ch: number, description: string): void {
    this.skipSpace();
    if (this.pos >= this.last || this.source.charCodeAt(this.pos) !== ch) this.fail(`expected ${description}, found ${this.describe()}`);
    this.pos++;
  }

  private skipSpace(): void {
    const source = this.source;
    while (this.pos < this.last && isSpace(source.charCodeAt(this.pos))) this.pos++;
  }

  private describe(): string {
    return this.pos >= this.last ? 'the end of the expression' : `'${this.source[this.pos]}'`;
  }

  private fail(message: string): never {
    throw new ExpressionError(message, this.pos, Math.min(this.pos + 1, this.source.length));
  }
}

/** A copy of `expr`, as read at another occurrence of its text `delta` characters away. */
function moved(expr: Expr, delta: number): Expr {
  switch (expr.kind) {
    case 'literal':
      return literal(expr.value, shifted(expr.range, delta));
    case 'ref':
      return reference(expr.target, expr.name, shifted(expr.range, delta));
    case 'call':
      return call(expr.name, expr.namespace, movedAll(expr.args, delta), shifted(expr.range, delta), shifted(expr.nameRange, delta));
    case 'member':
      return member(moved(expr.object, delta), expr.property, shifted(expr.propertyRange, delta), shifted(expr.range, delta));
    case 'index':
      return index(moved(expr.object, delta), moved(expr.index, delta), shifted(expr.range, delta));
    case 'conditional':
      return conditional(moved(expr.test, delta), moved(expr.then, delta), moved(expr.else, delta), shifted(expr.range, delta));
    case 'lambda':
      return lambda(expr.parameters.slice(), moved(expr.body, delta), shifted(expr.range, delta));
    default:
      throw new Error(`no ARM expression parses to a node of kind '${expr.kind}'`);
  }
}

function movedAll(exprs: readonly Expr[], delta: number): Expr[] {
  const copies = exactCopy(exprs, 0, exprs.length);
  for (let i = 0; i < copies.length; i++) copies[i] = moved(copies[i], delta);
  return copies;
}

function isDigit(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
}

function isIdentifierStart(ch: number): boolean {
  return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || ch === 0x5f || ch === 0x24;
}

function isIdentifierPart(ch: number): boolean {
  return isIdentifierStart(ch) || isDigit(ch);
}
