import * as path from 'node:path';
import type { Range } from '../../text/range';
import { LineIndex } from '../../text/lineIndex';

/** One-based line and column positions, as people and SARIF count them. */
export interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Line indexes are built once per file text and shared by every output of a run. */
const indexes = new WeakMap<object, LineIndex>();

export function lineIndexOf(owner: { readonly text: string }): LineIndex {
  let index = indexes.get(owner);
  if (!index) {
    index = new LineIndex(owner.text);
    indexes.set(owner, index);
  }
  return index;
}

export function regionOf(owner: { readonly text: string }, range: Range): Region {
  const index = lineIndexOf(owner);
  const start = index.positionAt(range.start);
  const end = index.positionAt(range.end);
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/** A path relative to `base` with forward slashes, as reports show it. */
export function displayPath(filePath: string, base: string): string {
  const relative = path.relative(base, path.resolve(filePath));
  return (relative === '' ? path.basename(filePath) : relative).split(path.sep).join('/');
}
