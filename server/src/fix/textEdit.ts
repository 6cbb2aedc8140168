import type { Range } from '../text/range';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Why a fix could not be written: the value is computed, in another file, or the text is not what was parsed. */
export class FixNotWritable extends Error {}

/**
 * Applies edits to `text`. Edits must not overlap (two fixes touching the same text are applied in separate
 * passes); insertions at the same offset keep their given order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.range.start - b.edit.range.start || a.order - b.order);
  let result = '';
  let at = 0;
  for (const { edit } of ordered) {
    if (edit.range.start < at) throw new FixNotWritable('overlapping edits');
    result += text.slice(at, edit.range.start) + edit.newText;
    at = edit.range.end;
  }
  return result + text.slice(at);
}

/** Whether two edit lists touch the same text, so that they cannot be applied in one pass. */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.range.start < y.range.end && y.range.start < x.range.end || (x.range.start === y.range.start && x.range.end === y.range.end)));
}
