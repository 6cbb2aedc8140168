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

export function cover(first: Range, last: Range): Range {
  return { start: first.start, end: last.end };
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
