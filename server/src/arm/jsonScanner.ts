import { ScanError, SyntaxKind } from 'jsonc-parser';

/**
 * The tokens of jsonc-parser's scanner, with its values and errors, read without building a string for every
 * run of whitespace: templates are mostly indentation, and the parser ignores it. Whitespace and line breaks are
 * skipped here, so `scan` never returns `Trivia` or `LineBreakTrivia`; comments are returned.
 */
export class JsonScanner {
  /** offset of the current token; its end is `position` */
  tokenStart = 0;
  position = 0;
  /** a string's decoded content, a number's or unknown word's text; empty for other tokens */
  value = '';
  error = ScanError.None;

  constructor(private readonly text: string) {}

  scan(): SyntaxKind {
    const text = this.text;
    const length = text.length;
    let pos = this.position;
    let code = text.charCodeAt(pos);
    while (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) code = text.charCodeAt(++pos);
    this.value = '';
    this.error = ScanError.None;
    if (pos >= length) {
      this.tokenStart = length;
      // past the end after an unclosed comment, as with jsonc-parser: that is where errors at the end stop
      this.position = pos;
      return SyntaxKind.EOF;
    }
    this.tokenStart = pos;
    this.position = pos + 1;
    const punctuation = PUNCTUATION[code];
    if (punctuation) return punctuation;
    switch (code) {
      case 0x22:
        this.scanString();
        return SyntaxKind.StringLiteral;
      case 0x2f:
        return this.scanComment();
      case 0x2d:
        if (!isDigit(text.charCodeAt(pos + 1))) {
          this.value = '-';
          return SyntaxKind.Unknown;
        }
        this.value = `-${this.scanNumber()}`;
        return SyntaxKind.NumericLiteral;
      default:
        if (isDigit(code)) {
          this.position = pos;
          this.value = this.scanNumber();
          return SyntaxKind.NumericLiteral;
        }
        return this.scanWord(pos);
    }
  }

  /**
   * From just after the opening quote. Most strings hold no escape and no control character: their value is the
   * text between the quotes, taken in one piece by a loop that checks nothing else.
   */
  private scanString(): void {
    const text = this.text;
    const length = text.length;
    const start = this.position;
    for (let pos = start; pos < length; pos++) {
      const ch = text.charCodeAt(pos);
      if (ch === 0x22) {
        this.position = pos + 1;
        this.value = text.substring(start, pos);
        return;
      }
      if (ch === 0x5c || ch <= 0x1f) {
        this.scanEscapedString(start, pos);
        return;
      }
    }
    this.scanEscapedString(start, length);
  }

  /**
   * A string that opened at `start` and holds an escape or a control character at `from`. Decodes as
   * jsonc-parser does, and its last error is the one kept.
   */
  private scanEscapedString(start: number, from: number): void {
    const text = this.text;
    const length = text.length;
    let pos = from;
    let chunk = start;
    let result = '';
    for (;;) {
      if (pos >= length) {
        result += text.substring(chunk, pos);
        this.error = ScanError.UnexpectedEndOfString;
        break;
      }
      const ch = text.charCodeAt(pos);
      if (ch === 0x22) {
        result += text.substring(chunk, pos);
        pos++;
        break;
      }
      if (ch === 0x5c) {
        result += text.substring(chunk, pos);
        pos++;
        if (pos >= length) {
          this.error = ScanError.UnexpectedEndOfString;
          break;
        }
        const escaped = text.charCodeAt(pos++);
        const simple = SIMPLE_ESCAPES[escaped];
        if (simple !== undefined) {
          result += simple;
        } else if (escaped === 0x75) {
          const digits = hexDigits(text, pos);
          pos += digits.count;
          if (digits.count === 4) result += String.fromCharCode(digits.value);
          else this.error = ScanError.InvalidUnicode;
        } else {
          this.error = ScanError.InvalidEscapeCharacter;
        }
        chunk = pos;
        continue;
      }
      if (ch <= 0x1f) {
        if (ch === 0x0a || ch === 0x0d) {
          result += text.substring(chunk, pos);
          this.error = ScanError.UnexpectedEndOfString;
          break;
        }
        this.error = ScanError.InvalidCharacter;
      }
      pos++;
    }
    this.position = pos;
    this.value = result;
  }

  /** jsonc-parser's number grammar, quirks included: its text ends before an exponent without digits. */
  private scanNumber(): string {
    const text = this.text;
    const length = text.length;
    const start = this.position;
    let pos = start;
    if (text.charCodeAt(pos) === 0x30) pos++;
    else while (++pos < length && isDigit(text.charCodeAt(pos)));
    if (pos < length && text.charCodeAt(pos) === 0x2e) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) {
        this.error = ScanError.UnexpectedEndOfNumber;
        this.position = pos;
        return text.substring(start, pos);
      }
      while (++pos < length && isDigit(text.charCodeAt(pos)));
    }
    let end = pos;
    const exponent = text.charCodeAt(pos);
    if (exponent === 0x45 || exponent === 0x65) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === 0x2b || sign === 0x2d) pos++;
      if (isDigit(text.charCodeAt(pos))) {
        while (++pos < length && isDigit(text.charCodeAt(pos)));
        end = pos;
      } else {
        this.error = ScanError.UnexpectedEndOfNumber;
      }
    }
    this.position = pos;
    return text.substring(start, end);
  }

  /** At a slash: a line or block comment, or a lone slash. */
  private scanComment(): SyntaxKind {
    const text = this.text;
    const length = text.length;
    let pos = this.tokenStart;
    const second = text.charCodeAt(pos + 1);
    if (second === 0x2f) {
      pos += 2;
      while (pos < length && !isLineBreak(text.charCodeAt(pos))) pos++;
      this.position = pos;
      return SyntaxKind.LineCommentTrivia;
    }
    if (second === 0x2a) {
      const closing = text.indexOf('*/', pos + 2);
      if (closing < 0) {
        // jsonc-parser looks for `*/` up to one character short of the end (stepping over a \r\n there as one),
        // then one character further: the end it reports may be past the text
        const endsInCrLf = pos + 2 < length - 1 && text.charCodeAt(length - 2) === 0x0d && text.charCodeAt(length - 1) === 0x0a;
        this.position = (endsInCrLf ? length : Math.max(pos + 2, length - 1)) + 1;
        this.error = ScanError.UnexpectedEndOfComment;
      } else {
        this.position = closing + 2;
      }
      return SyntaxKind.BlockCommentTrivia;
    }
    this.value = '/';
    return SyntaxKind.Unknown;
  }

  /** `true`, `false`, `null`, or anything else up to a delimiter: an unknown token. */
  private scanWord(start: number): SyntaxKind {
    const text = this.text;
    const length = text.length;
    let pos = start;
    while (pos < length && !ENDS_WORD.has(text.charCodeAt(pos))) pos++;
    if (pos === start) pos++;
    this.position = pos;
    this.value = text.substring(start, pos);
    switch (this.value) {
      case 'true':
        return SyntaxKind.TrueKeyword;
      case 'false':
        return SyntaxKind.FalseKeyword;
      case 'null':
        return SyntaxKind.NullKeyword;
      default:
        return SyntaxKind.Unknown;
    }
  }
}

/** The one-character tokens (`{`, `}`, `[`, `]`, `:`, `,`) by character code; 0 for the other ASCII characters. */
const PUNCTUATION = new Uint8Array(128);
PUNCTUATION[0x7b] = SyntaxKind.OpenBraceToken;
PUNCTUATION[0x7d] = SyntaxKind.CloseBraceToken;
PUNCTUATION[0x5b] = SyntaxKind.OpenBracketToken;
PUNCTUATION[0x5d] = SyntaxKind.CloseBracketToken;
PUNCTUATION[0x3a] = SyntaxKind.ColonToken;
PUNCTUATION[0x2c] = SyntaxKind.CommaToken;

const SIMPLE_ESCAPES: Record<number, string> = { 0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t' };

/** Whitespace, line breaks and the characters that start another token. */
const ENDS_WORD = new Set([0x20, 0x09, 0x0a, 0x0d, 0x7d, 0x5d, 0x7b, 0x5b, 0x22, 0x3a, 0x2c, 0x2f]);

function isDigit(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}

function isLineBreak(ch: number): boolean {
  return ch === 0x0a || ch === 0x0d;
}

/** Up to four hexadecimal digits at `pos`: how many there are and their value. */
function hexDigits(text: string, pos: number): { count: number; value: number } {
  let value = 0;
  let count = 0;
  for (; count < 4; count++) {
    const ch = text.charCodeAt(pos + count);
    const digit = ch >= 0x30 && ch <= 0x39 ? ch - 0x30 : ch >= 0x41 && ch <= 0x46 ? ch - 0x37 : ch >= 0x61 && ch <= 0x66 ? ch - 0x57 : -1;
    if (digit < 0) break;
    value = value * 16 + digit;
  }
  return { count, value };
}
