/** Levenshtein distance, for "did you mean" suggestions on mistyped rule ids. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known ids closest to `wanted`: within a few edits, or sharing a word with it (`rbac` finds every RBAC rule). */
export function suggestIds(wanted: string, known: readonly string[], max = 3): string[] {
  const lower = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(lower.length / 3));
  return known
    .map((id) => ({ id, score: id.includes(lower) || lower.includes(id) ? 0 : distance(lower, id) }))
    .filter(({ score }) => score <= limit)
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, max)
    .map(({ id }) => id);
}

/** " (did you mean 'a' or 'b'?)", or nothing. */
export function didYouMean(wanted: string, known: readonly string[]): string {
  const ids = suggestIds(wanted, known).map((id) => `'${id}'`);
  if (ids.length === 0) return '';
  return ` (did you mean ${ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`}?)`;
}
