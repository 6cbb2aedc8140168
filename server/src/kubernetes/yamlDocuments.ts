import { Composer, Lexer, Parser, Schema, type CST, type Document, type YAMLError } from 'yaml';
import type { Range } from '../text/range';
import type { SyntaxDiagnostic } from '../text/syntaxDiagnostic';

/**
 * Scalars resolve as Kubernetes reads them, not as YAML 1.2 would: kubectl, the API server and Helm convert YAML
 * with sigs.k8s.io/yaml, built on go-yaml v2, a YAML 1.1 reader. So `privileged: yes` is `true` (a 1.2 reader
 * would see the string "yes" and a rule would miss a privileged container), `on`/`off`/`y`/`n` are booleans and
 * `defaultMode: 0644` is octal 420. Like go-yaml v2, base-60 numbers (`12:30`) and timestamps stay strings.
 * Merge keys are applied by the value conversion, so the schema leaves `<<` a plain string.
 */
const KUBERNETES_SCHEMA = new Schema({
  schema: 'yaml-1.1',
  customTags: (tags) =>
    tags.filter(
      (tag) =>
        typeof tag === 'string' ||
        (tag.format !== 'TIME' &&
          tag.tag !== 'tag:yaml.org,2002:timestamp' &&
          tag.tag !== 'tag:yaml.org,2002:merge'),
    ),
});

export function parseTokens(text: string): CST.Token[] {
  return Array.from(new Parser().parse(text));
}

/** Above this many characters, a manifest's tokens are parsed again for the second pass rather than kept. */
const TOKENS_KEPT_UP_TO = 4 * 1024 * 1024;

/**
 * The parser's tokens for two passes over them (facts first, then composition). A large text is parsed twice
 * instead of kept: its tokens take some 50 bytes per character, which for a 50 MB manifest is gigabytes held
 * beside its model, and a collector working through them.
 */
export function tokenPasses(text: string, check?: () => void): () => Iterable<CST.Token> {
  const parse = check ? () => checkedTokens(text, check) : () => new Parser().parse(text);
  if (text.length > TOKENS_KEPT_UP_TO) return parse;
  const tokens = Array.from(parse());
  return () => tokens;
}

/** Lexemes between two calls of the check: a clock read per few thousand costs nothing next to lexing them. */
const LEXEMES_PER_CHECK = 4096;

/**
 * The parser's tokens, with the check called as the lexer goes: the parser yields a document only once it has read
 * all of it, so a single huge document is stopped inside, not only at its end.
 */
function* checkedTokens(text: string, check: () => void): Generator<CST.Token> {
  const parser = new Parser();
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (++lexemes % LEXEMES_PER_CHECK === 0) check();
    yield* parser.next(lexeme);
  }
  yield* parser.end();
}

/**
 * Composes the token stream into documents. Duplicate keys are left to the value conversion (one pass, one
 * diagnostic code); the composer's own check compares each key with every earlier one.
 */
export function composeDocuments(tokens: Iterable<CST.Token>): Iterable<Document.Parsed> {
  return new Composer({ schema: KUBERNETES_SCHEMA, uniqueKeys: false, prettyErrors: false }).compose(tokens);
}

/** The tokens with the content of the documents starting at these offsets dropped (document indexes stay as written). */
export function* withoutContent(tokens: Iterable<CST.Token>, documentOffsets: ReadonlySet<number>): Generator<CST.Token> {
  for (const token of tokens) {
    if (token.type === 'document' && documentOffsets.has(token.offset)) delete token.value;
    yield token;
  }
}

export function yamlDiagnostics(document: Document.Parsed, text: string): SyntaxDiagnostic[] {
  return [
    ...document.errors.map((error) => yamlDiagnostic(error, 'error', text)),
    ...document.warnings.map((warning) => yamlDiagnostic(warning, 'warning', text)),
  ];
}

function yamlDiagnostic(error: YAMLError, severity: SyntaxDiagnostic['severity'], text: string): SyntaxDiagnostic {
  return { message: readable(error.message), range: visibleRange(text, error.pos), severity, code: 'yaml-syntax' };
}

/** The parser names tokens by type (`Unexpected flow-map-end token`); people know them by their characters. */
const TOKEN_NAMES: Readonly<Record<string, string>> = {
  'flow-map-start': '`{`',
  'flow-map-end': '`}`',
  'flow-seq-start': '`[`',
  'flow-seq-end': '`]`',
  'flow-error-end': 'end of flow collection',
  'map-value-ind': '`:`',
  'seq-item-ind': '`-`',
  'block-seq-ind': '`-`',
  'explicit-key-ind': '`?`',
  'doc-start': '`---`',
  'doc-end': '`...`',
  'block-scalar-header': 'block scalar header',
  'block-scalar': 'block scalar',
  'block-map': 'mapping',
  'block-seq': 'sequence',
  'flow-collection': 'flow collection',
  'single-quoted-scalar': 'quoted string',
  'double-quoted-scalar': 'quoted string',
  'directive-line': 'directive',
};
const TOKEN_NAME = new RegExp(`\\b(${Object.keys(TOKEN_NAMES).join('|')})\\b( token)?`, 'g');

function readable(message: string): string {
  return `YAML: ${message.replace(TOKEN_NAME, (_, name: string) => TOKEN_NAMES[name])}`;
}

/** An empty error position is widened to the character there, so an editor has something to underline. */
function visibleRange(text: string, [start, end]: readonly [number, number]): Range {
  const from = Math.min(Math.max(start, 0), text.length);
  let to = Math.min(Math.max(end, from), text.length);
  if (to === from && from < text.length && text[from] !== '\n' && text[from] !== '\r') to = from + 1;
  return { start: from, end: to };
}
