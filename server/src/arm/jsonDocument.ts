import { ScanError, SyntaxKind } from 'jsonc-parser';
import type { Expr, InvalidExpr, PropertyEntryExpr } from '../model/expr';
import type { Range } from '../text/range';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { JsonScanner } from './jsonScanner';
import { readRawString } from './jsonString';
import { Scratch } from './scratch';

/** How JSON values become expressions: the format decides what strings mean and may rewrite objects. */
export interface JsonLowering {
  /** a string value (not a key); `start`/`end` delimit the token including its quotes */
  string(value: string, start: number, end: number): Expr;
  object(entries: PropertyEntryExpr[], range: Range): Expr;
}

export interface JsonDocument {
  /** undefined when the text holds no JSON value at all */
  readonly root: Expr | undefined;
  readonly diagnostics: SyntaxDiagnostic[];
  readonly comments: Comment[];
}

/** Far beyond real templates (the corpus peaks at 30) yet shallow enough for recursive consumers of the tree. */
const MAX_JSON_DEPTH = 256;

/** Enough to show what is wrong with a file without flooding an editor with follow-on errors. */
const MAX_DIAGNOSTICS = 100;

/**
 * Parses JSON as Azure reads it: comments, trailing commas and raw line breaks inside strings are accepted.
 * Objects and arrays are built directly as expressions in one pass over the tokens. Never throws.
 */
export function parseJsonDocument(text: string, lowering: JsonLowering, check?: () => void): JsonDocument {
  return new JsonParser(text, lowering, check).parse();
}

/**
 * The one JSON value that starts at `start`, read as `parseJsonDocument` reads a value `depth` levels down: an
 * edited value of a document read before, read again alone. Comments and errors past the value are not its own.
 */
export function parseJsonValueAt(text: string, start: number, depth: number, lowering: JsonLowering, check?: () => void): JsonDocument {
  return new JsonParser(text, lowering, check).parseAt(start, depth);
}

/** Tokens read between two calls of the check. */
const TOKENS_PER_CHECK = 256;

/**
 * The slots of the cache of strings: a power of two, one for each 64 characters of text, up to about the distinct
 * keys and values of the largest templates. Small documents, read by the thousand in a scan, get a small cache.
 */
function stringSlots(textLength: number): number {
  let slots = 64;
  while (slots < 4096 && slots * 64 < textLength) slots *= 2;
  return slots;
}

class JsonParser {
  private readonly scanner: JsonScanner;
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  private readonly comments: Comment[] = [];
  private readonly entries = new Scratch<PropertyEntryExpr>();
  private readonly items = new Scratch<Expr>();
  /** Keys and string values read recently: see `shared`. */
  private readonly strings: string[];
  private token = SyntaxKind.Unknown;
  private tokenStart = 0;
  private tokenEnd = 0;
  private tokenValue = '';
  private reportedTooDeep = false;
  private untilCheck = TOKENS_PER_CHECK;

  constructor(
    private readonly text: string,
    private readonly lowering: JsonLowering,
    /** called every few hundred tokens; what it throws ends the parse */
    private readonly check: (() => void) | undefined,
  ) {
    this.scanner = new JsonScanner(text);
    this.strings = new Array<string>(stringSlots(text.length)).fill('');
  }

  parse(): JsonDocument {
    this.next();
    const root = this.parseValue(0);
    if (root === undefined) this.unexpected('a JSON value');
    else if (!this.atEnd()) this.unexpected('the end of the document');
    return { root, diagnostics: this.diagnostics, comments: this.comments };
  }

  parseAt(start: number, depth: number): JsonDocument {
    this.scanner.position = start;
    this.next();
    const value = this.parseValue(depth);
    const end = value?.range.end ?? start;
    const within = <T extends { readonly range: Range }>(items: T[]) => items.filter((item) => item.range.end <= end);
    return { root: value, diagnostics: within(this.diagnostics), comments: within(this.comments) };
  }

  private atEnd(): boolean {
    return this.token === SyntaxKind.EOF;
  }

  private parseValue(depth: number): Expr | undefined {
    const start = this.tokenStart;
    const end = this.tokenEnd;
    let value: Expr;
    switch (this.token) {
      case SyntaxKind.OpenBraceToken:
        return depth < MAX_JSON_DEPTH ? this.parseObject(depth + 1) : this.skipTooDeep();
      case SyntaxKind.OpenBracketToken:
        return depth < MAX_JSON_DEPTH ? this.parseArray(depth + 1) : this.skipTooDeep();
      case SyntaxKind.StringLiteral:
        value = this.lowering.string(this.shared(this.tokenValue), start, end);
        break;
      case SyntaxKind.NumericLiteral:
        value = { kind: 'literal', value: Number(this.tokenValue), range: { start, end } };
        break;
      case SyntaxKind.TrueKeyword:
        value = { kind: 'literal', value: true, range: { start, end } };
        break;
      case SyntaxKind.FalseKeyword:
        value = { kind: 'literal', value: false, range: { start, end } };
        break;
      case SyntaxKind.NullKeyword:
        value = { kind: 'literal', value: null, range: { start, end } };
        break;
      default:
        return undefined;
    }
    this.next();
    return value;
  }

  private parseObject(depth: number): Expr {
    const start = this.tokenStart;
    const mark = this.entries.mark;
    this.next();
    let needsComma = false;
    for (;;) {
      if (this.token === SyntaxKind.CloseBraceToken) break;
      if (this.token === SyntaxKind.EOF) {
        this.error("unclosed object: expected '}'", start, start + 1);
        return this.lowering.object(this.entries.take(mark), { start, end: this.tokenStart });
      }
      if (this.token === SyntaxKind.CommaToken) {
        if (!needsComma) this.unexpected('a property name');
        needsComma = false;
        this.next();
        continue;
      }
      if (needsComma) this.unexpected("',' or '}'");
      if (this.token !== SyntaxKind.StringLiteral) {
        this.unexpected('a property name in double quotes');
        this.skipValueOrToken(depth);
        continue;
      }
      this.entries.push(this.parseProperty(depth));
      needsComma = true;
    }
    const end = this.tokenEnd;
    this.next();
    return this.lowering.object(this.entries.take(mark), { start, end });
  }

  private parseProperty(depth: number): PropertyEntryExpr {
    const key = this.shared(this.tokenValue);
    const keyRange = { start: this.tokenStart, end: this.tokenEnd };
    this.next();
    let value: Expr | undefined;
    if (this.token === SyntaxKind.ColonToken) {
      this.next();
      value = this.parseValue(depth);
      if (value === undefined) this.unexpected(`a value for "${key}"`);
    } else {
      this.unexpected(`':' after "${key}"`);
    }
    value ??= invalid('missing value', { start: keyRange.end, end: keyRange.end });
    return { kind: 'property', key, keyRange, value, range: { start: keyRange.start, end: value.range.end } };
  }

  /**
   * `value`, or an equal string read before: a template repeats a few thousand distinct keys and values tens of
   * thousands of times, and copies that all outlive the young generation are work for the garbage collector. A
   * direct-mapped cache is enough to share most of them; a string that misses is kept as read.
   */
  private shared(value: string): string {
    const length = value.length;
    if (length === 0) return value;
    const strings = this.strings;
    const slot = (length * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(length >> 1) * 3 + value.charCodeAt(length - 1)) & (strings.length - 1);
    const known = strings[slot];
    if (known === value) return known;
    strings[slot] = value;
    return value;
  }

  private parseArray(depth: number): Expr {
    const start = this.tokenStart;
    const mark = this.items.mark;
    this.next();
    let needsComma = false;
    for (;;) {
      if (this.token === SyntaxKind.CloseBracketToken) break;
      if (this.token === SyntaxKind.EOF) {
        this.error("unclosed array: expected ']'", start, start + 1);
        return { kind: 'array', items: this.items.take(mark), range: { start, end: this.tokenStart } };
      }
      if (this.token === SyntaxKind.CommaToken) {
        if (!needsComma) this.unexpected('a value');
        needsComma = false;
        this.next();
        continue;
      }
      if (needsComma) this.unexpected("',' or ']'");
      const item = this.parseValue(depth);
      if (item === undefined) {
        this.unexpected('a value');
        this.next();
        continue;
      }
      this.items.push(item);
      needsComma = true;
    }
    const end = this.tokenEnd;
    this.next();
    return { kind: 'array', items: this.items.take(mark), range: { start, end } };
  }

  /** Recovery inside an object: a stray value is parsed (and dropped) as a whole, anything else skipped. */
  private skipValueOrToken(depth: number): void {
    if (this.parseValue(depth) === undefined) this.next();
  }

  /** Skips a too-deeply nested value without recursion, so that no input can exhaust the stack. */
  private skipTooDeep(): InvalidExpr {
    const start = this.tokenStart;
    if (!this.reportedTooDeep) {
      this.reportedTooDeep = true;
      this.error(`nesting deeper than ${MAX_JSON_DEPTH} levels is not supported`, start, start + 1);
    }
    let open = 0;
    let end = start;
    do {
      if (this.token === SyntaxKind.OpenBraceToken || this.token === SyntaxKind.OpenBracketToken) open++;
      else if (this.token === SyntaxKind.CloseBraceToken || this.token === SyntaxKind.CloseBracketToken) open--;
      end = this.tokenEnd;
      this.next();
    } while (open > 0 && this.token !== SyntaxKind.EOF);
    return invalid('nested too deeply', { start, end });
  }

  /** Advances to the next significant token, collecting comments and reporting lexical errors. */
  private next(): void {
    if (--this.untilCheck === 0) {
      this.untilCheck = TOKENS_PER_CHECK;
      this.check?.();
    }
    const scanner = this.scanner;
    for (;;) {
      const token = scanner.scan();
      const start = scanner.tokenStart;
      let end = scanner.position;
      if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
        this.comment(token, start, end, scanner.error);
        continue;
      }
      if (token === SyntaxKind.Unknown) {
        this.error(`unexpected ${quoteToken(this.text.slice(start, end))}`, start, end);
        continue;
      }
      const error = scanner.error;
      if (token === SyntaxKind.StringLiteral) {
        this.tokenValue = scanner.value;
        if (error === ScanError.UnexpectedEndOfString || error === ScanError.InvalidCharacter) {
          // JSON rejects raw line breaks and control characters in strings; Azure accepts them.
          const raw = readRawString(this.text, start);
          this.tokenValue = raw.value;
          end = raw.end;
          scanner.position = end;
          if (!raw.terminated) this.error('unterminated string: expected \'"\'', start, end);
          if (raw.badEscape) this.error('invalid escape sequence in string', raw.badEscape.start, raw.badEscape.end);
        } else if (error !== ScanError.None) {
          this.error(describeScanError(error), start, end);
        }
      } else if (token === SyntaxKind.NumericLiteral) {
        this.tokenValue = scanner.value;
        if (error !== ScanError.None) this.error(describeScanError(error), start, end);
      }
      this.token = token;
      this.tokenStart = start;
      this.tokenEnd = end;
      return;
    }
  }

  private comment(token: SyntaxKind, start: number, end: number, error: ScanError): void {
    const raw = this.text.slice(start, end);
    if (token === SyntaxKind.LineCommentTrivia) {
      this.comments.push({ range: { start, end }, text: raw.slice(2) });
    } else if (error === ScanError.UnexpectedEndOfComment) {
      this.comments.push({ range: { start, end }, text: raw.slice(2) });
      this.error("unterminated block comment: expected '*/'", start, end);
    } else {
      this.comments.push({ range: { start, end }, text: raw.slice(2, -2) });
    }
  }

  private unexpected(expected: string): void {
    const found = this.token === SyntaxKind.EOF ? 'the end of the document' : quoteToken(this.text.slice(this.tokenStart, this.tokenEnd));
    this.error(`expected ${expected}, found ${found}`, this.tokenStart, this.tokenEnd);
  }

  /** Reports one error per position: recovery often trips over the same token more than once. */
  private error(message: string, start: number, end: number): void {
    const previous = this.diagnostics[this.diagnostics.length - 1];
    if (previous?.range.start === start) return;
    if (this.diagnostics.length < MAX_DIAGNOSTICS) {
      this.diagnostics.push({ message, range: { start, end }, severity: 'error', code: 'json-syntax' });
    }
  }
}

function invalid(reason: string, range: Range): InvalidExpr {
  return { kind: 'invalid', reason, range };
}

function quoteToken(token: string): string {
  return `'${token.length > 30 ? `${token.slice(0, 30)}...` : token}'`;
}

function describeScanError(error: ScanError): string {
  switch (error) {
    case ScanError.InvalidUnicode:
      return 'invalid \\u escape in string: expected four hexadecimal digits';
    case ScanError.InvalidEscapeCharacter:
      return 'invalid escape sequence in string';
    case ScanError.UnexpectedEndOfNumber:
      return 'incomplete number: expected a digit';
    default:
      return 'invalid token';
  }
}
