import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';

/** Token kinds. String pieces come in two families: single-line `'...'` (with escapes) and multi-line `'''...'''`. */
export const enum TokenKind {
  EndOfFile,
  NewLine,
  Identifier,
  Integer,
  /** `'abc'` */
  StringComplete,
  /** `'abc${` */
  StringLeft,
  /** `}abc${` */
  StringMiddle,
  /** `}abc'` */
  StringRight,
  /** `'''abc'''` or `$'''abc'''` */
  MultilineComplete,
  /** `$'''abc${` */
  MultilineLeft,
  /** `}abc${` inside a multi-line string */
  MultilineMiddle,
  /** `}abc'''` */
  MultilineRight,
  LeftBrace,
  RightBrace,
  LeftParen,
  RightParen,
  LeftSquare,
  RightSquare,
  At,
  Comma,
  Dot,
  /** `.?` */
  DotQuestion,
  /** `...` */
  Ellipsis,
  Question,
  DoubleQuestion,
  Colon,
  DoubleColon,
  Semicolon,
  Plus,
  Minus,
  Modulo,
  Asterisk,
  Slash,
  Exclamation,
  NotEquals,
  NotEqualsInsensitive,
  LessThan,
  LessThanOrEqual,
  GreaterThan,
  GreaterThanOrEqual,
  Assignment,
  Equals,
  EqualsInsensitive,
  LogicalAnd,
  LogicalOr,
  Pipe,
  /** `=>` */
  Arrow,
  /** `^` in `items[^1]` (index from the end) */
  Hat,
  Unrecognized,
}

/**
 * The tokens of a file as parallel arrays (one entry per token, the last always `EndOfFile`), which keeps
 * scanning allocation-free. `innerStarts`/`innerEnds` are set for string pieces only: the characters between
 * the piece's delimiters.
 */
export interface TokenStream {
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly innerStarts: Int32Array;
  readonly innerEnds: Int32Array;
}

export interface ScanResult {
  readonly tokens: TokenStream;
  readonly comments: Comment[];
  readonly diagnostics: SyntaxDiagnostic[];
}

/** Token storage that one scan after another can reuse, to spare allocating it for every file. */
export class TokenBuffer {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  innerStarts: Int32Array;
  innerEnds: Int32Array;

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.innerStarts = new Int32Array(capacity);
    this.innerEnds = new Int32Array(capacity);
  }

  grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    this.starts = grown(this.starts, capacity);
    this.ends = grown(this.ends, capacity);
    this.innerStarts = grown(this.innerStarts, capacity);
    this.innerEnds = grown(this.innerEnds, capacity);
  }
}

function grown(old: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(old);
  return next;
}

/** Scanner steps (a token, or a space) between two calls of the check. */
const STEPS_PER_CHECK = 256;

/**
 * Scans `text` into tokens. With a `buffer`, the tokens are stored there and are valid only until the buffer's
 * next use. `check` is called every few hundred steps; what it throws ends the scan.
 */
export function scan(text: string, buffer = new TokenBuffer((text.length >> 2) + 16), check?: () => void): ScanResult {
  return new Scanner(text, buffer, check).run();
}

/** Directives written `#name ...`, kept as comments (without the `#`) so suppressions can be found. */
const DIRECTIVES = ['disable-next-line', 'disable-diagnostics', 'restore-diagnostics'];

const CR = 13;
const LF = 10;
const QUOTE = 39;
const DOLLAR = 36;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Characters that are always a token by themselves. */
const SINGLE_CHARACTER_TOKENS = new Uint8Array(128);
for (const [char, kind] of [
  ['(', TokenKind.LeftParen],
  [')', TokenKind.RightParen],
  ['[', TokenKind.LeftSquare],
  [']', TokenKind.RightSquare],
  ['@', TokenKind.At],
  [',', TokenKind.Comma],
  [';', TokenKind.Semicolon],
  ['+', TokenKind.Plus],
  ['-', TokenKind.Minus],
  ['%', TokenKind.Modulo],
  ['*', TokenKind.Asterisk],
  ['^', TokenKind.Hat],
] as const) {
  SINGLE_CHARACTER_TOKENS[char.charCodeAt(0)] = kind;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdentifierPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

class Scanner {
  private count = 0;
  private pos = 0;
  private readonly comments: Comment[] = [];
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  /**
   * Interpolation holes currently open, innermost last: how many `{` are open inside each (so that a `}` can be
   * told apart from the one closing the hole), and the number of `$` that opens a hole in its string (0 for a
   * single-line string).
   */
  private readonly holeBraces: number[] = [];
  private readonly holeDollars: number[] = [];

  constructor(
    private readonly text: string,
    private readonly buffer: TokenBuffer,
    private readonly check: (() => void) | undefined,
  ) {}

  run(): ScanResult {
    const text = this.text;
    const length = text.length;
    let untilCheck = STEPS_PER_CHECK;
    // One tight loop for the frequent cases; everything else is in `other`, so that characters met late in a
    // run (and the optimizer's reaction to them) do not disturb this loop.
    while (this.pos < length) {
      if (--untilCheck === 0) {
        untilCheck = STEPS_PER_CHECK;
        this.check?.();
      }
      const start = this.pos;
      const c = text.charCodeAt(start);
      if (isIdentifierStart(c)) {
        let end = start + 1;
        while (end < length && isIdentifierPart(text.charCodeAt(end))) end++;
        this.pos = end;
        this.push(TokenKind.Identifier, start, end);
      } else if (c === 32 || c === 9) {
        this.pos++;
      } else if (c < 128 && SINGLE_CHARACTER_TOKENS[c] !== 0) {
        this.pos++;
        this.push(SINGLE_CHARACTER_TOKENS[c], start, start + 1);
      } else {
        this.other(c, start);
      }
    }
    if (this.holeBraces.length > 0) {
      this.error('unterminated string: the interpolation is not closed', length, length);
      // close every open string so that the parser sees each one end
      while (this.holeBraces.length > 0) {
        const multiline = this.holeDollars[this.holeDollars.length - 1] > 0;
        this.push(multiline ? TokenKind.MultilineRight : TokenKind.StringRight, length, length, length, length);
        this.closeHole();
      }
    }
    this.push(TokenKind.EndOfFile, length, length);
    const buffer = this.buffer;
    const tokens: TokenStream = {
      count: this.count,
      kinds: buffer.kinds,
      starts: buffer.starts,
      ends: buffer.ends,
      innerStarts: buffer.innerStarts,
      innerEnds: buffer.innerEnds,
    };
    return { tokens, comments: this.comments, diagnostics: this.diagnostics };
  }

  private other(c: number, start: number): void {
    const text = this.text;
    const next = text.charCodeAt(start + 1);
    switch (c) {
      case LF:
      case CR:
        this.newLine();
        return;
      case 47: // /
        if (next === 47) this.lineComment();
        else if (next === 42) this.blockComment();
        else this.operator(TokenKind.Slash, 1);
        return;
      case 35: // #
        this.directive();
        return;
      case QUOTE:
        if (next === QUOTE && text.charCodeAt(start + 2) === QUOTE) {
          this.pos += 3;
          this.multilineSegment(start, 0, true);
        } else {
          this.pos++;
          this.stringSegment(start, true);
        }
        return;
      case DOLLAR:
        this.interpolatedMultilineStart();
        return;
      case OPEN_BRACE:
        if (this.holeBraces.length > 0) this.holeBraces[this.holeBraces.length - 1]++;
        this.operator(TokenKind.LeftBrace, 1);
        return;
      case CLOSE_BRACE:
        this.closeBrace();
        return;
      case 46: // .
        if (next === 46 && text.charCodeAt(start + 2) === 46) this.operator(TokenKind.Ellipsis, 3);
        else if (next === 63) this.operator(TokenKind.DotQuestion, 2);
        else this.operator(TokenKind.Dot, 1);
        return;
      case 63: // ?
        this.operator(next === 63 ? TokenKind.DoubleQuestion : TokenKind.Question, next === 63 ? 2 : 1);
        return;
      case 58: // :
        this.operator(next === 58 ? TokenKind.DoubleColon : TokenKind.Colon, next === 58 ? 2 : 1);
        return;
      case 33: // !
        if (next === 61) this.operator(TokenKind.NotEquals, 2);
        else if (next === 126) this.operator(TokenKind.NotEqualsInsensitive, 2);
        else this.operator(TokenKind.Exclamation, 1);
        return;
      case 60: // <
        this.operator(next === 61 ? TokenKind.LessThanOrEqual : TokenKind.LessThan, next === 61 ? 2 : 1);
        return;
      case 62: // >
        this.operator(next === 61 ? TokenKind.GreaterThanOrEqual : TokenKind.GreaterThan, next === 61 ? 2 : 1);
        return;
      case 61: // =
        if (next === 61) this.operator(TokenKind.Equals, 2);
        else if (next === 126) this.operator(TokenKind.EqualsInsensitive, 2);
        else if (next === 62) this.operator(TokenKind.Arrow, 2);
        else this.operator(TokenKind.Assignment, 1);
        return;
      case 38: // &
        if (next === 38) this.operator(TokenKind.LogicalAnd, 2);
        else this.unrecognized();
        return;
      case 124: // |
        this.operator(next === 124 ? TokenKind.LogicalOr : TokenKind.Pipe, next === 124 ? 2 : 1);
        return;
      default:
        if (isDigit(c)) {
          let end = start + 1;
          while (end < text.length && isDigit(text.charCodeAt(end))) end++;
          this.pos = end;
          this.push(TokenKind.Integer, start, end);
        } else {
          this.unrecognized();
        }
    }
  }

  private push(kind: TokenKind, start: number, end: number, innerStart = 0, innerEnd = 0): void {
    const buffer = this.buffer;
    if (this.count === buffer.kinds.length) buffer.grow();
    const i = this.count++;
    buffer.kinds[i] = kind;
    buffer.starts[i] = start;
    buffer.ends[i] = end;
    buffer.innerStarts[i] = innerStart;
    buffer.innerEnds[i] = innerEnd;
  }

  private operator(kind: TokenKind, length: number): void {
    this.push(kind, this.pos, this.pos + length);
    this.pos += length;
  }

  private error(message: string, start: number, end: number): void {
    this.diagnostics.push({ message, range: { start, end }, severity: 'error', code: 'bicep-syntax' });
  }

  private unrecognized(): void {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    // keep a surrogate pair together so the message shows the whole character
    const end = c >= 0xd800 && c <= 0xdbff && start + 1 < this.text.length ? start + 2 : start + 1;
    this.pos = end;
    const char = this.text.slice(start, end);
    this.error(
      char === '"' ? 'unexpected \'"\': Bicep strings use single quotes' : `unexpected character '${char}'`,
      start,
      end,
    );
    this.push(TokenKind.Unrecognized, start, end);
  }

  private newLine(): void {
    const text = this.text;
    const start = this.pos;
    if (this.holeBraces.length > 0 && this.holeDollars[this.holeDollars.length - 1] === 0) {
      // A single-line string cannot span lines: end it (and the strings it is nested in) here, so the
      // lines below are read normally.
      this.error('unterminated string: a string must end on the line it starts', start, start);
      while (this.holeBraces.length > 0 && this.holeDollars[this.holeDollars.length - 1] === 0) {
        this.push(TokenKind.StringRight, start, start, start, start);
        this.closeHole();
      }
    }
    if (this.holeBraces.length > 0) {
      // a multi-line string's interpolation may continue on the next line
      this.pos++;
      return;
    }
    let end = start + 1;
    let c: number;
    while (end < text.length && ((c = text.charCodeAt(end)) === LF || c === CR)) end++;
    this.pos = end;
    // Consecutive line breaks (even with blanks or comments between) make one token: the parser needs no loops.
    const last = this.count - 1;
    if (last >= 0 && this.buffer.kinds[last] === TokenKind.NewLine) this.buffer.ends[last] = end;
    else this.push(TokenKind.NewLine, start, end);
  }

  private lineComment(): void {
    const text = this.text;
    const start = this.pos;
    let end = start + 2;
    let c: number;
    while (end < text.length && (c = text.charCodeAt(end)) !== LF && c !== CR) end++;
    this.pos = end;
    this.comments.push({ range: { start, end }, text: text.slice(start + 2, end) });
  }

  private blockComment(): void {
    const text = this.text;
    const start = this.pos;
    const close = text.indexOf('*/', start + 2);
    if (close < 0) {
      this.pos = text.length;
      this.error('unterminated comment: expected */', start, text.length);
      this.comments.push({ range: { start, end: text.length }, text: text.slice(start + 2) });
      return;
    }
    this.pos = close + 2;
    this.comments.push({ range: { start, end: close + 2 }, text: text.slice(start + 2, close) });
  }

  private directive(): void {
    const text = this.text;
    const start = this.pos;
    const name = DIRECTIVES.find((d) => text.startsWith(d, start + 1));
    if (name === undefined) {
      this.unrecognized();
      return;
    }
    // like Bicep, the directive runs over identifier characters, '-' and blanks: a `//` comment may follow it
    let end = start + 1 + name.length;
    let c: number;
    while (end < text.length && (isIdentifierPart((c = text.charCodeAt(end))) || c === 45 || c === 32 || c === 9)) end++;
    this.pos = end;
    this.comments.push({ range: { start, end }, text: text.slice(start + 1, end) });
  }

  private closeBrace(): void {
    const holes = this.holeBraces.length;
    if (holes > 0) {
      if (this.holeBraces[holes - 1] === 0) {
        const start = this.pos++;
        const dollars = this.holeDollars[holes - 1];
        if (dollars > 0) this.multilineSegment(start, dollars, false);
        else this.stringSegment(start, false);
        return;
      }
      this.holeBraces[holes - 1]--;
    }
    this.operator(TokenKind.RightBrace, 1);
  }

  private openHole(dollars: number): void {
    this.holeBraces.push(0);
    this.holeDollars.push(dollars);
  }

  private closeHole(): void {
    this.holeBraces.pop();
    this.holeDollars.pop();
  }

  /** Scans a single-line string piece after its opening `'` (or the `}` closing a hole). */
  private stringSegment(start: number, first: boolean): void {
    const text = this.text;
    const innerStart = this.pos;
    let pos = innerStart;
    for (;;) {
      if (pos >= text.length) {
        this.error('unterminated string: expected a closing quote', start, pos);
        this.finishSegment(first ? TokenKind.StringComplete : TokenKind.StringRight, start, pos, innerStart, pos);
        return;
      }
      const c = text.charCodeAt(pos);
      if (c === LF || c === CR) {
        this.error('unterminated string: a string must end on the line it starts', start, pos);
        this.finishSegment(first ? TokenKind.StringComplete : TokenKind.StringRight, start, pos, innerStart, pos);
        return;
      }
      if (c === QUOTE) {
        this.finishSegment(first ? TokenKind.StringComplete : TokenKind.StringRight, start, pos + 1, innerStart, pos);
        return;
      }
      if (c === DOLLAR && text.charCodeAt(pos + 1) === OPEN_BRACE) {
        this.pos = pos + 2;
        this.push(first ? TokenKind.StringLeft : TokenKind.StringMiddle, start, pos + 2, innerStart, pos);
        if (first) this.openHole(0);
        return;
      }
      pos = c === BACKSLASH ? this.escape(pos) : pos + 1;
    }
  }

  /** Ends a string at its closing quote (or where it was cut off): its interpolation, if any, is over. */
  private finishSegment(kind: TokenKind, start: number, end: number, innerStart: number, innerEnd: number): void {
    this.pos = end;
    this.push(kind, start, end, innerStart, innerEnd);
    if (kind === TokenKind.StringRight || kind === TokenKind.MultilineRight) this.closeHole();
  }

  /** Checks the escape sequence at `pos` (a backslash) and returns where it ends. */
  private escape(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos + 1);
    switch (c) {
      case 110: // n
      case 114: // r
      case 116: // t
      case BACKSLASH:
      case QUOTE:
      case DOLLAR:
        return pos + 2;
      case 117: {
        // u{hex}
        let end = pos + 2;
        if (text.charCodeAt(end) === OPEN_BRACE) {
          end++;
          const digits = end;
          while (isHexDigit(text.charCodeAt(end))) end++;
          if (end > digits && text.charCodeAt(end) === CLOSE_BRACE && parseInt(text.slice(digits, end), 16) <= 0x10ffff) {
            return end + 1;
          }
        }
        this.error('invalid unicode escape: expected \\u{...} with 1 to 6 hex digits up to 10FFFF', pos, end);
        return end;
      }
      default:
        if (Number.isNaN(c) || c === LF || c === CR) return pos + 1;
        this.error(`unrecognized escape sequence '\\${text[pos + 1]}': use \\\\ \\' \\n \\r \\t \\$ or \\u{...}`, pos, pos + 2);
        return pos + 2;
    }
  }

  /** `$'''`, `$$'''`...: a multi-line string where `${` (with as many `$`) opens an interpolation hole. */
  private interpolatedMultilineStart(): void {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (text.charCodeAt(end) === DOLLAR) end++;
    if (text.charCodeAt(end) === QUOTE && text.charCodeAt(end + 1) === QUOTE && text.charCodeAt(end + 2) === QUOTE) {
      this.pos = end + 3;
      this.multilineSegment(start, end - start, true);
    } else {
      // The whole run at once: taking one `$` at a time would scan the rest of the run again for each.
      this.pos = end;
      this.error("unexpected character '$'", start, end);
      this.push(TokenKind.Unrecognized, start, end);
    }
  }

  /**
   * Scans a multi-line string piece after its opening quotes (or the `}` closing a hole). `dollars` is how many
   * `$` open a hole (0: no interpolation). Contents are verbatim; a line break right after the opening quotes is
   * not part of the value.
   */
  private multilineSegment(start: number, dollars: number, first: boolean): void {
    const text = this.text;
    let innerStart = this.pos;
    if (first) {
      if (text.charCodeAt(innerStart) === CR) innerStart++;
      if (text.charCodeAt(innerStart) === LF) innerStart++;
    }
    let pos = innerStart;
    for (;;) {
      if (pos >= text.length) {
        this.error("unterminated multi-line string: expected '''", start, pos);
        this.finishSegment(first ? TokenKind.MultilineComplete : TokenKind.MultilineRight, start, pos, innerStart, pos);
        return;
      }
      const c = text.charCodeAt(pos);
      if (c === QUOTE && text.charCodeAt(pos + 1) === QUOTE && text.charCodeAt(pos + 2) === QUOTE) {
        // quotes beyond the closing three belong to the value: '''it's'''' ends with a quote
        let end = pos + 3;
        while (text.charCodeAt(end) === QUOTE) end++;
        this.finishSegment(first ? TokenKind.MultilineComplete : TokenKind.MultilineRight, start, end, innerStart, end - 3);
        return;
      }
      if (c === DOLLAR && dollars > 0) {
        let run = pos;
        while (text.charCodeAt(run) === DOLLAR) run++;
        if (run - pos >= dollars && text.charCodeAt(run) === OPEN_BRACE) {
          this.pos = run + 1;
          this.push(first ? TokenKind.MultilineLeft : TokenKind.MultilineMiddle, start, run + 1, innerStart, run - dollars);
          if (first) this.openHole(dollars);
          return;
        }
        pos = run;
        continue;
      }
      pos++;
    }
  }
}

/** The value of a single-line string piece's characters: escapes replaced (invalid ones kept as written). */
export function unescapeString(text: string, start: number, end: number): string {
  let firstEscape = start;
  while (firstEscape < end && text.charCodeAt(firstEscape) !== BACKSLASH) firstEscape++;
  if (firstEscape === end) return text.slice(start, end);
  let value = text.slice(start, firstEscape);
  let pos = firstEscape;
  while (pos < end) {
    const c = text.charCodeAt(pos);
    if (c !== BACKSLASH || pos + 1 >= end) {
      value += text[pos++];
      continue;
    }
    const next = text[pos + 1];
    switch (next) {
      case 'n':
        value += '\n';
        pos += 2;
        break;
      case 'r':
        value += '\r';
        pos += 2;
        break;
      case 't':
        value += '\t';
        pos += 2;
        break;
      case 'u': {
        const close = text.indexOf('}', pos);
        const code = close > 0 && close < end && text[pos + 2] === '{' ? parseInt(text.slice(pos + 3, close), 16) : NaN;
        if (Number.isNaN(code) || code > 0x10ffff) {
          value += '\\u';
          pos += 2;
        } else {
          value += String.fromCodePoint(code);
          pos = close + 1;
        }
        break;
      }
      default:
        // \\ \' \$ stand for the character; unknown escapes (already reported) keep the character too
        value += next;
        pos += 2;
    }
  }
  return value;
}
