/** Where two versions of a text differ: one span, from the first differing character to the last. */
export interface ChangedSpan {
  readonly start: number;
  /** end of the changed span in the text before */
  readonly beforeEnd: number;
  /** end of the changed span in the text after */
  readonly afterEnd: number;
}

/** Characters compared at once: comparing substrings runs in the engine's own loop, far ahead of one at a time. */
const BLOCK = 4096;

/**
 * The span that differs between `before` and `after`, past their common prefix and suffix; undefined when they are
 * equal. Several edits become the one span from the first to the last.
 */
export function changedSpan(before: string, after: string): ChangedSpan | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= shorter && before.substring(start, start + BLOCK) === after.substring(start, start + BLOCK)) start += BLOCK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // the common suffix may not reach into the common prefix of either text
  const room = shorter - start;
  let suffix = 0;
  while (suffix + BLOCK <= room && before.substring(before.length - suffix - BLOCK, before.length - suffix) === after.substring(after.length - suffix - BLOCK, after.length - suffix)) suffix += BLOCK;
  while (suffix < room && before.charCodeAt(before.length - suffix - 1) === after.charCodeAt(after.length - suffix - 1)) suffix++;
  return { start, beforeEnd: before.length - suffix, afterEnd: after.length - suffix };
}
