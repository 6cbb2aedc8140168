import { LineIndex } from '../../text/lineIndex';
import type { Range } from '../../text/range';
import type { Comment } from '../../text/syntaxDiagnostic';

/**
 * How a file is laid out: its line break, its indentation unit, and questions about lines and the comments on
 * them. Every writer asks these to make an edit look as if the file's author had written it.
 */
export class Layout {
  /** `\r\n` when the file's first line break is one, else `\n` */
  readonly eol: string;
  /** one level of indentation: a tab, or the spaces the file indents by */
  readonly unit: string;
  /** comment start → end, to step over comments next to an edit point */
  private readonly commentEnds = new Map<number, number>();
  private lineIndex: LineIndex | undefined;

  constructor(
    readonly text: string,
    comments: readonly Comment[],
  ) {
    const firstBreak = text.indexOf('\n');
    this.eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    this.unit = indentationUnit(text);
    for (const comment of comments) this.commentEnds.set(comment.range.start, comment.range.end);
  }

  /**
   * Line starts, found once: a file with thousands of fixes asks about lines thousands of times, and scanning
   * for line breaks each time is quadratic on long lines (a minified template is one line).
   */
  private get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  lineStart(offset: number): number {
    // a `\r` and a `\n` each end a line here, where the index counts `\r\n` as one break
    if (offset <= 0 || isLineBreak(this.text.charCodeAt(offset - 1))) return Math.max(offset, 0);
    return this.lines.lineStart(this.lines.positionAt(offset).line);
  }

  /** The offset of the line break ending the line that holds `offset` (or the end of the text). */
  lineEnd(offset: number): number {
    if (offset >= this.text.length || isLineBreak(this.text.charCodeAt(offset))) return offset;
    const { line } = this.lines.positionAt(offset);
    if (line + 1 >= this.lines.lineCount) return this.text.length;
    const next = this.lines.lineStart(line + 1);
    return this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** The start of the line after the one holding `offset` (or the end of the text). */
  nextLineStart(offset: number): number {
    const end = this.lineEnd(offset);
    if (this.text.startsWith('\r\n', end)) return end + 2;
    return Math.min(end + 1, this.text.length);
  }

  /** The leading whitespace of the line holding `offset`. */
  indentation(offset: number): string {
    const start = this.lineStart(offset);
    let end = start;
    while (end < this.text.length && isBlank(this.text.charCodeAt(end))) end++;
    return this.text.slice(start, end);
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** Nothing but indentation before `offset` on its line. */
  firstOnLine(offset: number): boolean {
    return this.isBlank(this.lineStart(offset), offset);
  }

  sameLine(a: number, b: number): boolean {
    const [from, to] = a <= b ? [a, b] : [b, a];
    return this.lineEnd(from) >= to;
  }

  /** Only spaces and tabs in `text[start, end)`. */
  isBlank(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }

  /**
   * Steps over spaces, tabs and comments from `offset` to the end of its line. Returns where the line break is
   * (or the end of the text), or `undefined` when something else follows on the line.
   */
  endOfLineAfter(offset: number): number | undefined {
    let at = offset;
    for (;;) {
      while (at < this.text.length && isBlank(this.text.charCodeAt(at))) at++;
      const commentEnd = this.commentEnds.get(at);
      if (commentEnd !== undefined) {
        at = commentEnd;
        continue;
      }
      return at >= this.text.length || isLineBreak(this.text.charCodeAt(at)) ? at : undefined;
    }
  }

  /** The first offset from `offset` on that is neither whitespace nor inside a comment. */
  skipTrivia(offset: number): number {
    let at = offset;
    for (;;) {
      while (at < this.text.length && isWhitespace(this.text.charCodeAt(at))) at++;
      const commentEnd = this.commentEnds.get(at);
      if (commentEnd === undefined) return at;
      at = commentEnd;
    }
  }

  /** Backs up from `offset` over whitespace (line breaks included), not past `floor`. */
  trimEnd(offset: number, floor = 0): number {
    let at = offset;
    while (at > floor && isWhitespace(this.text.charCodeAt(at - 1))) at--;
    return at;
  }

  /** Only whitespace, line breaks included, in `text[start, end)`. */
  isWhitespace(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!isWhitespace(this.text.charCodeAt(i))) return false;
    return true;
  }

  /** The text at `range`, shortened, for messages about why a fix cannot be written. */
  excerpt(range: Range): string {
    const text = this.text.slice(range.start, range.end).trim();
    return `\`${text.length > 40 ? `${text.slice(0, 40)}…` : text}\``;
  }

  /** Whether `text[start, end)` holds only whitespace and comments. */
  onlyTrivia(start: number, end: number): boolean {
    return this.skipTrivia(start) >= end;
  }
}

function isLineBreak(ch: number): boolean {
  return ch === 10 || ch === 13;
}

function isBlank(ch: number): boolean {
  return ch === 32 || ch === 9;
}

function isWhitespace(ch: number): boolean {
  return isBlank(ch) || isLineBreak(ch);
}

/** When a file gives no evidence: two spaces, what Bicep, ARM and Kubernetes examples use. */
const DEFAULT_UNIT = '  ';

/**
 * The file's indentation unit: a tab when most indented lines start with one, else the step in spaces that
 * occurs most often where indentation grows from one line to the next.
 */
function indentationUnit(text: string): string {
  let tabLines = 0;
  let spaceLines = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const indentation = /^[ \t]*/.exec(line)![0];
    if (indentation.length === line.length) continue;
    if (indentation.startsWith('\t')) {
      tabLines++;
      continue;
    }
    if (indentation.length > 0) spaceLines++;
    const step = indentation.length - previous;
    if (step > 0 && step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = indentation.length;
  }
  if (tabLines > spaceLines) return '\t';
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  }
  return best > 0 ? ' '.repeat(best) : DEFAULT_UNIT;
}
