/**
 * Collections nested deeper than this are not composed: the `yaml` composer and the value conversion recurse per
 * level, and when the stack runs out inside V8's regular expression compiler the process aborts instead of
 * throwing (a 10,000-deep flow sequence does that). The corpus nests at most 36 levels.
 */
export const MAX_DEPTH = 256;

/**
 * The `yaml` parser recurses once per block level closed by a single token (a dedent or `---` after a deep block
 * sequence), before any depth can be measured on its output. A block level needs more indentation or a compact
 * `- `, `? ` or `: ` on the line (indentless sequences aside, which at most double the count), so content that
 * starts past this column bounds the parser's recursion. Returns the offset of the first such line.
 */
export function findDeepIndentation(text: string): number | undefined {
  const limit = 2 * MAX_DEPTH;
  for (let lineStart = 0; lineStart < text.length; ) {
    let i = lineStart;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20) i++;
      else if ((c === 0x2d || c === 0x3f || c === 0x3a) && text.charCodeAt(i + 1) === 0x20) i += 2;
      else break;
      if (i - lineStart > limit) return lineStart;
    }
    const lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  return undefined;
}
