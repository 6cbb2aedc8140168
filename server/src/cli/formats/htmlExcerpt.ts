import type { LineIndex } from '../../text/lineIndex';
import type { Range } from '../../text/range';

/** Lines shown before and after a finding, and at most this many lines of the finding itself. */
const CONTEXT_LINES = 2;
const MAX_RANGE_LINES = 6;
/** Long lines (minified JSON) are cut to a window around the finding. */
const MAX_LINE = 160;
const MASK = '••••••';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Values that are never secrets and without which an excerpt is unreadable: resource types, API versions, and
 * single words of letters (`Enabled`, `Allow`, `securestring`).
 */
const STRUCTURAL = /^(?:[A-Za-z]+\.[A-Za-z.]+\/[A-Za-z0-9/.]+(?:@\d{4}-\d{2}-\d{2}(?:-preview)?)?|\d{4}-\d{2}-\d{2}(?:-preview)?|[A-Za-z]{1,24})$/;

/**
 * The spans of a line that may hold a secret: quoted values (not keys: a quote followed by `:`) longer than four
 * characters, and in YAML the plain scalar after `key:` or `-`, or a whole line of a block scalar. Over-masking
 * is the safe side: the page is for people who may not be allowed to see the secrets.
 */
function secretSpans(line: string, yaml: boolean): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < line.length; i++) {
    const quote = line[i];
    if (quote !== '"' && quote !== "'") continue;
    if (yaml && quote === "'" && /\w/.test(line[i - 1] ?? '')) continue; // an apostrophe in a plain scalar
    let end = i + 1;
    while (end < line.length && line[end] !== quote) end += line[end] === '\\' ? 2 : 1;
    const content = line.slice(i + 1, Math.min(end, line.length));
    const isKey = /^\s*:/.test(line.slice(end + 1));
    if (!isKey && /^\[.*\]$/.test(content)) {
      // An ARM expression: only its string literals can hold a secret.
      for (const [a, b] of secretSpans(content, false)) spans.push([i + 1 + a, i + 1 + b]);
    } else if (!isKey && content.length > 4 && !STRUCTURAL.test(content)) {
      spans.push([i + 1, Math.min(end, line.length)]);
    }
    i = end;
  }
  if (yaml && spans.length === 0) {
    const trimmed = line.trim();
    // The value ends at its last non-space before a comment: ending it so, rather than with a lazy `[^#]*?` that
    // retries the trailing spaces at every character, keeps the match linear.
    const value = /^(\s*(?:-\s+)?[^\s#'"][^:#]*:\s+|\s*-\s+)([^\s#|>&*!'"](?:[^#]*[^\s#])?)\s*(?:#.*)?$/.exec(line);
    if (value && value[2].length > 4 && !STRUCTURAL.test(value[2])) spans.push([value[1].length, value[1].length + value[2].length]);
    else if (!value && !/^\s*(?:-\s+)?[^\s#][^#]*?:(?:\s|$)/.test(line) && trimmed.length > 4 && !/^(#|---|\.\.\.)/.test(trimmed) && !/:\s*([|>][-+]?)?$/.test(trimmed)) spans.push([line.length - line.trimStart().length, line.trimEnd().length]);
  }
  return spans;
}

/** Keys whose values name things rather than hold them: a secret is never written there. */
const NAMING_KEYS = new Set(['name', 'kind', 'apiversion', 'image', 'namespace', 'app', 'serviceaccountname', 'type', 'location', 'mountpath', 'secretname', 'configmapname', 'containername', 'sku', 'tier']);

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * The key a value is written after (`"name": "x"`, `name: x`, `- name: x`), lower-cased. Read backwards from the
 * value: a regular expression anchored at the value would try every start in the line, quadratic in a long one.
 */
function keyBefore(line: string, at: number): string | undefined {
  let end = at;
  if (line[end - 1] === '"' || line[end - 1] === "'") end--;
  while (isSpace(line[end - 1])) end--;
  if (line[end - 1] !== ':') return undefined;
  end--;
  while (isSpace(line[end - 1])) end--;
  if (line[end - 1] === '"') {
    const open = end >= 2 ? line.lastIndexOf('"', end - 2) : -1;
    return open < 0 ? undefined : line.slice(open + 1, end - 1).toLowerCase();
  }
  let start = end;
  while (start > 0 && /[\w.-]/.test(line[start - 1])) start--;
  // A key starts with a letter or `_`: `9a-b:` is keyed by `a-b`.
  const first = line.slice(start, end).search(/[A-Za-z_]/);
  return first < 0 ? undefined : line.slice(start + first, end).toLowerCase();
}

function maskedSpans(line: string, yaml: boolean): [number, number][] {
  return secretSpans(line, yaml).filter(([start]) => !NAMING_KEYS.has(keyBefore(line, start) ?? ''));
}

export interface ExcerptOptions {
  /** mask values that may be secrets (the file has findings of `secrets-*` rules) */
  readonly mask: boolean;
  readonly yaml: boolean;
}

/**
 * The lines around `range` as an HTML table body: line numbers, the code escaped, the range highlighted, and
 * possible secrets masked.
 */
export function excerptHtml(index: LineIndex, range: Range, options: ExcerptOptions): string {
  const start = index.positionAt(range.start);
  const end = index.positionAt(Math.max(range.start, range.end - 1));
  const first = Math.max(0, start.line - CONTEXT_LINES);
  const lastOfRange = Math.min(end.line, start.line + MAX_RANGE_LINES - 1);
  const last = Math.min(index.lineCount - 1, lastOfRange + CONTEXT_LINES);
  const rows: string[] = [];
  for (let line = first; line <= last; line++) {
    const lineStart = index.lineStart(line);
    const content = index.lineTextAt(lineStart);
    // Characters of this line inside the range, as offsets into the line.
    const from = Math.max(range.start, lineStart) - lineStart;
    const to = Math.min(range.end, lineStart + content.length) - lineStart;
    const marked = line >= start.line && line <= end.line && range.end > range.start ? [from, Math.max(from, to)] : undefined;
    rows.push(`<tr${marked ? ' class="hit"' : ''}><td class="ln">${line + 1}</td><td class="code">${lineHtml(content, marked, options)}</td></tr>`);
    if (line === lastOfRange && lastOfRange < end.line) rows.push('<tr class="gap"><td class="ln">…</td><td class="code"></td></tr>');
  }
  return rows.join('');
}

/** One line: cut to a window around the highlight when long, with masked spans replaced and the highlight marked. */
function lineHtml(content: string, marked: number[] | undefined, options: ExcerptOptions): string {
  const masked = options.mask ? maskedSpans(content, options.yaml) : [];
  let from = 0;
  let to = content.length;
  if (content.length > MAX_LINE) {
    from = Math.max(0, (marked?.[0] ?? 0) - 40);
    to = Math.min(content.length, from + MAX_LINE);
  }
  // Each character is plain, highlighted or masked; runs of the same kind become one element.
  const kindAt = (i: number) => (masked.some(([a, b]) => i >= a && i < b) ? 'mask' : marked && i >= marked[0] && i < marked[1] ? 'mark' : 'text');
  let out = from > 0 ? '<span class="cut">…</span>' : '';
  let i = from;
  while (i < to) {
    const kind = kindAt(i);
    let j = i + 1;
    while (j < to && kindAt(j) === kind) j++;
    const piece = content.slice(i, j);
    if (kind === 'mask') out += `<span class="masked${marked && i < marked[1] && j > marked[0] ? ' mark' : ''}" title="hidden: may be a secret">${MASK}</span>`;
    else if (kind === 'mark') out += `<mark>${escapeHtml(piece)}</mark>`;
    else out += escapeHtml(piece);
    i = j;
  }
  if (to < content.length) out += '<span class="cut">…</span>';
  if (marked && marked[0] === marked[1] && content.length === 0) out += '<mark class="empty"> </mark>';
  return out;
}
