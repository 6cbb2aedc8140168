import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusEntries, readCorpusFile, type CorpusKind } from '../support/corpus';
import { decodeText } from 'ztlint/text/decode';

/** A file the fuzzer mutates, with the path (and so the format) it is linted under. */
export interface SeedFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const EXAMPLES = path.resolve(__dirname, '../../../examples');
const LINTED = /\.(bicep|bicepparam|json|jsonc|ya?ml)$/;
/** Larger files make cases slow without adding syntax the smaller ones lack. */
const MAX_SEED_BYTES = 20_000;
const PER_KIND: Record<CorpusKind, number> = { bicep: 12, arm: 12, k8s: 12, bicepparam: 4, armparams: 4, helm: 2 };

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * The fuzzer's seeds: files of each kind of the shared corpus, evenly spread over sizes (the same ones on every
 * run), and the test fixtures and examples. The regression fixtures are left out: they are replayed, not mutated.
 */
export function seedFiles(): SeedFile[] {
  const seeds: SeedFile[] = [];
  for (const [kind, count] of Object.entries(PER_KIND) as [CorpusKind, number][]) {
    const entries = corpusEntries(kind)
      .filter((e) => e.bytes <= MAX_SEED_BYTES)
      .sort((a, b) => a.bytes - b.bytes || a.path.localeCompare(b.path));
    const picked = new Set(Array.from({ length: Math.min(count, entries.length) }, (_, i) => entries[Math.round((i * (entries.length - 1)) / Math.max(1, count - 1))]));
    for (const entry of picked) seeds.push({ name: `corpus/${entry.path}`, path: path.join('/fuzz', entry.path), text: readCorpusFile(entry).text });
  }
  for (const file of [...filesUnder(FIXTURES), ...filesUnder(EXAMPLES)].sort()) {
    if (!LINTED.test(file) || file.includes('fuzz-regressions')) continue;
    const decoded = decodeText(fs.readFileSync(file));
    if (decoded.ok) seeds.push({ name: path.relative(path.resolve(FIXTURES, '../..'), file), path: path.join('/fuzz', path.basename(file)), text: decoded.text });
  }
  return seeds;
}
