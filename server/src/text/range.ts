/**
 * A span of a document's text as UTF-16 offsets (JavaScript string indices), end exclusive.
 * Offsets index the decoded text with any byte-order mark removed, which is what editors show. A type, not an
 * interface, so that a range is plain JSON to the type checker too (a rule's workspace facts carry ranges).
 */
export type Range = {
  readonly start: number;
  readonly end: number;
};

export function range(start: number, end: number): Range {
  return { start, end };
}

/** The range `delta` characters further on. */
export function shifted(range: Range, delta: number): Range {
  return { start: range.start + delta, end: range.end + delta };
}

/** Text-bound items (diagnostics, comments) moved by `delta` characters. */
export function shiftedAll<T extends { readonly range: Range }>(items: readonly T[], delta: number): T[] {
  return items.map((item) => ({ ...item, range: shifted(item.range, delta) }));
}

export function cover(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
