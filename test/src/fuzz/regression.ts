import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusEntries, readCorpusFile } from '../support/corpus';
import { decodeText } from 'ztlint/text/decode';
import { changedSpan } from 'ztlint/text/changedSpan';

const REPO = path.resolve(__dirname, '../../..');
const CORPUS = 'corpus/';

/** Runs of one character longer than this are stored as `[character, count]`: fuzzed inputs have long ones. */
const RUN = 100;

/**
 * A failing case as saved: its seed file by name and the one edit that turns it into the case. Corpus files are
 * read from the shared corpus, never copied into the repository; only what the mutations wrote is stored.
 */
export interface SavedCase {
  readonly caseSeed: number;
  readonly base: string;
  readonly lintedAs: string;
  readonly mutations: readonly string[];
  readonly outcome: string;
  readonly what: readonly string[];
  readonly edit: { readonly start: number; readonly end: number; readonly insert: readonly (readonly [string] | readonly [string, number])[] };
}

function runLength(text: string): SavedCase['edit']['insert'] {
  const parts: (readonly [string] | readonly [string, number])[] = [];
  let plain = '';
  for (let i = 0; i < text.length; ) {
    let j = i + 1;
    while (j < text.length && text[j] === text[i]) j++;
    if (j - i > RUN) {
      if (plain) parts.push([plain]);
      plain = '';
      parts.push([text[i], j - i]);
    } else {
      plain += text.slice(i, j);
    }
    i = j;
  }
  if (plain) parts.push([plain]);
  return parts;
}

/** The smallest single replacement that turns `before` into `after`. */
export function editBetween(before: string, after: string): SavedCase['edit'] {
  const span = changedSpan(before, after) ?? { start: before.length, beforeEnd: before.length, afterEnd: after.length };
  return { start: span.start, end: span.beforeEnd, insert: runLength(after.slice(span.start, span.afterEnd)) };
}

/** The text of a seed file by its name: `corpus/<path>` in the shared corpus, else a path in the repository. */
export function seedText(name: string): string {
  if (name.startsWith(CORPUS)) {
    const entry = corpusEntries('bicep', 'bicepparam', 'arm', 'armparams', 'k8s', 'helm').find((e) => e.path === name.slice(CORPUS.length));
    if (!entry) throw new Error(`${name} is not in the shared corpus`);
    return readCorpusFile(entry).text;
  }
  const decoded = decodeText(fs.readFileSync(path.join(REPO, name)));
  if (!decoded.ok) throw new Error(`${name}: ${decoded.reason}`);
  return decoded.text;
}

/** The failing input a saved case stands for. */
export function caseText(saved: SavedCase): string {
  const base = seedText(saved.base);
  const insert = saved.edit.insert.map((part) => (part.length === 2 ? part[0].repeat(part[1]) : part[0])).join('');
  return base.slice(0, saved.edit.start) + insert + base.slice(saved.edit.end);
}
