import type { CollectedFacts } from '../lint/collectFacts';

/**
 * The names of the facts that differ between two versions of a file. Facts are plain JSON, so their text tells:
 * most edits change none, and then no other file needs linting again.
 */
export function changedFacts(before: CollectedFacts, after: CollectedFacts): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name] && JSON.stringify(before[name]) !== JSON.stringify(after[name]));
}
