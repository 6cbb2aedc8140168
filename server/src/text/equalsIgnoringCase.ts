/**
 * `a.toLowerCase() === b.toLowerCase()`, as ARM and Bicep compare keys, names and types, decided character by
 * character while the texts are ASCII: lower-casing both to compare them made two strings per comparison, and
 * template keys and evaluated objects' keys are compared tens of thousands of times per file.
 */
export function equalsIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Beyond ASCII, case is Unicode's to decide: the Kelvin sign is a `k`, and `İ` becomes two characters.
    if (x >= 0x80 || y >= 0x80) return a.toLowerCase() === b.toLowerCase();
    const lower = x | 0x20;
    if (lower !== (y | 0x20) || lower < 0x61 || lower > 0x7a) return false;
  }
  return a.length === b.length;
}
