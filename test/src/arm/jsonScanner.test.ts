import * as assert from 'node:assert/strict';
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { JsonScanner } from 'ztlint/arm/jsonScanner';

/** Each significant token as `kind start-end value error`; whitespace and line breaks are left out. */
function tokensOf(text: string, scan: () => { kind: SyntaxKind; start: number; end: number; value: string; error: number }): string[] {
  const tokens: string[] = [];
  for (;;) {
    const { kind, start, end, value, error } = scan();
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    // jsonc-parser keeps the text of every token as its value; the parser reads it for strings and numbers only
    const shown = kind === SyntaxKind.StringLiteral || kind === SyntaxKind.NumericLiteral ? value : '';
    tokens.push(`${kind} ${start}-${end} ${JSON.stringify(shown)} ${error}`);
    if (kind === SyntaxKind.EOF || tokens.length > text.length + 1) return tokens;
  }
}

function jsoncTokens(text: string): string[] {
  const scanner = createScanner(text, false);
  return tokensOf(text, () => {
    const kind = scanner.scan();
    return { kind, start: scanner.getTokenOffset(), end: scanner.getPosition(), value: scanner.getTokenValue(), error: scanner.getTokenError() };
  });
}

function ourTokens(text: string): string[] {
  const scanner = new JsonScanner(text);
  return tokensOf(text, () => {
    const kind = scanner.scan();
    return { kind, start: scanner.tokenStart, end: scanner.position, value: scanner.value, error: scanner.error };
  });
}

/** Characters that make JSON tokens, break them, or trip a scanner's error paths. */
const ALPHABET = ['{', '}', '[', ']', ':', ',', '"', '\\', '/', '*', '-', '+', '.', 'e', 'E', '0', '7', 'a', 'F', 't', 'r', 'u', 'n', 'l', 'f', ' ', '\t', '\n', '\r', '\u0001', '\u00a0', '\f'];

describe('the JSON scanner', () => {
  it('reads the tokens, values, offsets and errors that jsonc-parser reads, on edge cases', () => {
    const cases = ['"\\u12"', '"\\u12g4"', '"a\\qb"', '"\\', '/*', '/*x', '/**/', '/*/', '-', '-x', '1.', '1.e5', '1e', '1e+', '-0.5E-3', '0123', '"\t"', '"\t\\q"', '"\\q\t"', '"a\nb"', 'truex', 'nul', '/', '\ufeff{}', '"\\uD83D\\uDE00"', '// c\r\n{"a": [1, true, null]}'];
    for (const text of cases) assert.deepEqual(ourTokens(text), jsoncTokens(text), JSON.stringify(text));
  });

  it('reads what jsonc-parser reads on 20,000 random strings of JSON punctuation, words and control characters', () => {
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let length = Math.floor(random() * 20); length > 0; length--) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
      assert.deepEqual(ourTokens(text), jsoncTokens(text), JSON.stringify(text));
    }
  });
});
