import * as assert from 'node:assert/strict';
import { scan, TokenKind, unescapeString } from 'ztlint/bicep/scanner';

/** The tokens of `text` as `[kind, text]` pairs, end of file left out. */
function tokens(text: string): [TokenKind, string][] {
  const { tokens: t } = scan(text);
  const out: [TokenKind, string][] = [];
  for (let i = 0; i < t.count - 1; i++) out.push([t.kinds[i], text.slice(t.starts[i], t.ends[i])]);
  return out;
}

function kinds(text: string): TokenKind[] {
  return tokens(text).map(([kind]) => kind);
}

describe('bicep scanner', () => {
  it('reads every operator, longest match first', () => {
    const cases: [string, TokenKind][] = [
      ['??', TokenKind.DoubleQuestion],
      ['?', TokenKind.Question],
      ['.?', TokenKind.DotQuestion],
      ['...', TokenKind.Ellipsis],
      ['.', TokenKind.Dot],
      ['!', TokenKind.Exclamation],
      ['!=', TokenKind.NotEquals],
      ['!~', TokenKind.NotEqualsInsensitive],
      ['==', TokenKind.Equals],
      ['=~', TokenKind.EqualsInsensitive],
      ['=>', TokenKind.Arrow],
      ['=', TokenKind.Assignment],
      ['::', TokenKind.DoubleColon],
      [':', TokenKind.Colon],
      ['<=', TokenKind.LessThanOrEqual],
      ['<', TokenKind.LessThan],
      ['>=', TokenKind.GreaterThanOrEqual],
      ['>', TokenKind.GreaterThan],
      ['&&', TokenKind.LogicalAnd],
      ['||', TokenKind.LogicalOr],
      ['|', TokenKind.Pipe],
      ['^', TokenKind.Hat],
      ['@', TokenKind.At],
      ['%', TokenKind.Modulo],
    ];
    for (const [text, kind] of cases) assert.deepEqual(tokens(text), [[kind, text]], text);
  });

  it('reads identifiers, integers and brackets with exact ranges', () => {
    assert.deepEqual(tokens('foo_1 (42)[x]'), [
      [TokenKind.Identifier, 'foo_1'],
      [TokenKind.LeftParen, '('],
      [TokenKind.Integer, '42'],
      [TokenKind.RightParen, ')'],
      [TokenKind.LeftSquare, '['],
      [TokenKind.Identifier, 'x'],
      [TokenKind.RightSquare, ']'],
    ]);
  });

  it('makes one new-line token of consecutive line breaks, blanks and comments, LF or CRLF', () => {
    assert.deepEqual(kinds('a\r\n\r\n  // c\r\n\tb'), [TokenKind.Identifier, TokenKind.NewLine, TokenKind.Identifier]);
    const { comments } = scan('a // one\r\n/* two\nlines */ b');
    assert.deepEqual(
      comments.map((c) => c.text),
      [' one', ' two\nlines '],
    );
    assert.deepEqual(comments[0].range, { start: 2, end: 8 });
  });

  it('keeps #disable-next-line directives as comments', () => {
    const { comments, diagnostics } = scan('#disable-next-line no-unused-params // why\nparam x string');
    assert.deepEqual(
      comments.map((c) => c.text),
      ['disable-next-line no-unused-params ', ' why'],
    );
    assert.equal(diagnostics.length, 0);
  });

  it('splits interpolated strings into pieces, nesting strings and objects inside holes', () => {
    assert.deepEqual(tokens("'a${b}c${'d${e}'}f'"), [
      [TokenKind.StringLeft, "'a${"],
      [TokenKind.Identifier, 'b'],
      [TokenKind.StringMiddle, '}c${'],
      [TokenKind.StringLeft, "'d${"],
      [TokenKind.Identifier, 'e'],
      [TokenKind.StringRight, "}'"],
      [TokenKind.StringRight, "}f'"],
    ]);
    assert.deepEqual(kinds("'${{a: 1}.a}'"), [
      TokenKind.StringLeft,
      TokenKind.LeftBrace,
      TokenKind.Identifier,
      TokenKind.Colon,
      TokenKind.Integer,
      TokenKind.RightBrace,
      TokenKind.Dot,
      TokenKind.Identifier,
      TokenKind.StringRight,
    ]);
  });

  it('records where string contents start and end', () => {
    const text = "'a\\'b' '''\nx'''";
    const { tokens: t } = scan(text);
    assert.equal(text.slice(t.innerStarts[0], t.innerEnds[0]), "a\\'b");
    assert.equal(t.kinds[1], TokenKind.MultilineComplete);
    assert.equal(text.slice(t.innerStarts[1], t.innerEnds[1]), 'x');
  });

  it('unescapes \\\\ \\\' \\n \\r \\t \\$ and \\u{...}', () => {
    const text = "a\\\\b\\'c\\nd\\re\\tf\\${g}\\u{1F600}\\u{41}";
    assert.equal(unescapeString(text, 0, text.length), "a\\b'c\nd\re\tf${g}\u{1F600}A");
    assert.equal(unescapeString('xabcx', 1, 4), 'abc');
  });

  it('reads multi-line strings verbatim, with interpolation only after $', () => {
    assert.deepEqual(kinds("'''a ${b} 'c' ''''"), [TokenKind.MultilineComplete]);
    assert.deepEqual(tokens("$'''x${y}z'''"), [
      [TokenKind.MultilineLeft, "$'''x${"],
      [TokenKind.Identifier, 'y'],
      [TokenKind.MultilineRight, "}z'''"],
    ]);
    // with $$, `${` is text and `$${` opens a hole
    assert.deepEqual(kinds("$$'''${a}$${b}'''"), [TokenKind.MultilineLeft, TokenKind.Identifier, TokenKind.MultilineRight]);
    const text = "$'''\r\nline ${1}\r\n'''";
    const { tokens: t } = scan(text);
    assert.equal(text.slice(t.innerStarts[0], t.innerEnds[0]), 'line ');
  });

  it('reports unterminated strings and comments, bad escapes and stray characters', () => {
    const messages = (text: string) => scan(text).diagnostics.map((d) => d.message);
    assert.match(messages("'abc\nx")[0], /unterminated string/);
    assert.match(messages("'abc")[0], /unterminated string/);
    assert.match(messages("'''abc")[0], /unterminated multi-line string/);
    assert.match(messages('/* abc')[0], /unterminated comment/);
    assert.match(messages("'\\q'")[0], /unrecognized escape sequence '\\q'/);
    assert.match(messages("'\\u{110000}'")[0], /invalid unicode escape/);
    assert.match(messages('"abc"')[0], /single quotes/);
    assert.match(messages('a ~ b')[0], /unexpected character '~'/);
  });

  it('ends a string cut off by a line break so the next line scans normally', () => {
    assert.deepEqual(kinds("'a${b\n}"), [
      TokenKind.StringLeft,
      TokenKind.Identifier,
      TokenKind.StringRight,
      TokenKind.NewLine,
      TokenKind.RightBrace,
    ]);
  });
});
