import * as assert from 'node:assert/strict';
import { corpusEntries, readCorpusFile, type CorpusEntry, type CorpusKind } from '../support/corpus';
import { decodeText } from 'ztlint/text/decode';
import { checkText, excerpt, prng, seedOf, virtualPath } from './harness';
import { MUTATIONS } from './mutations';

/** Files per format, spread over sizes; the sample is the same on every run. */
const SAMPLE: readonly [CorpusKind, number][] = [
  ['bicep', 6],
  ['arm', 6],
  ['k8s', 6],
  ['bicepparam', 2],
  ['armparams', 2],
  ['helm', 1],
];
/** Files larger than this would make the prefix test slow without covering more syntax. */
const MAX_SAMPLE_BYTES = 40_000;
/** Smaller ones are covered by the pathological inputs (empty files, comments only). */
const MIN_SAMPLE_BYTES = 100;
const PREFIXES_PER_FILE = 200;
const MUTANTS_PER_FILE = 150;
/** Hang detection only: a case never takes this long unless something loops. */
const CASE_TIMEOUT = 20_000;

function sample(kind: CorpusKind, count: number): CorpusEntry[] {
  const entries = corpusEntries(kind)
    .filter((e) => e.bytes >= MIN_SAMPLE_BYTES && e.bytes <= MAX_SAMPLE_BYTES)
    .sort((a, b) => a.bytes - b.bytes || a.path.localeCompare(b.path));
  // Evenly spaced over the sizes, from the smallest to the largest allowed.
  const picked = new Set<CorpusEntry>();
  for (let i = 0; i < count; i++) picked.add(entries[Math.round((i * (entries.length - 1)) / Math.max(1, count - 1))]);
  return [...picked];
}

/** Prefix lengths: all of them for small files, every Nth (and the whole file) for larger ones. */
function prefixLengths(length: number): number[] {
  const step = Math.max(1, Math.ceil(length / PREFIXES_PER_FILE));
  const lengths: number[] = [];
  for (let n = 0; n < length; n += step) lengths.push(n);
  lengths.push(length);
  return lengths;
}

describe('robustness: prefixes and mutations of real files', function () {
  this.timeout(CASE_TIMEOUT);
  for (const [kind, count] of SAMPLE) {
    for (const entry of sample(kind, count)) {
      it(`every prefix of ${entry.path} (${kind}, ${entry.bytes} bytes)`, () => {
        const file = readCorpusFile(entry);
        const filePath = virtualPath(entry.path);
        const problems: string[] = [];
        for (const length of prefixLengths(file.text.length)) {
          const prefix = file.text.slice(0, length);
          for (const problem of checkText(filePath, prefix, { fixes: true })) problems.push(`prefix of ${length} characters, ending ${excerpt(prefix, Math.max(0, length - 40), 40)}: ${problem}`);
        }
        assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
      });

      it(`${MUTANTS_PER_FILE} seeded mutants of ${entry.path}`, () => {
        const file = readCorpusFile(entry);
        const filePath = virtualPath(entry.path);
        const random = prng(seedOf(entry.path));
        const names = Object.keys(MUTATIONS);
        const problems: string[] = [];
        for (let i = 0; i < MUTANTS_PER_FILE; i++) {
          let text = file.text;
          const applied: string[] = [];
          for (let m = 1 + random.int(4); m > 0; m--) {
            const name = random.pick(names);
            text = MUTATIONS[name](text, random);
            applied.push(name);
          }
          if (random.next() < 0.2) {
            // A flipped byte of the UTF-8 file: read as the CLI reads it, refused with a reason or analysed.
            const bytes = Buffer.from(text, 'utf8');
            if (bytes.length > 0) bytes[random.int(bytes.length)] ^= 1 << random.int(8);
            applied.push('flip a byte of the UTF-8');
            const decoded = decodeText(bytes);
            if (!decoded.ok) {
              if (!/^(binary file|invalid UTF-8 at byte \d+)/.test(decoded.reason)) problems.push(`mutant ${i} (${applied.join(', ')}): unclear reason ${decoded.reason}`);
              continue;
            }
            text = decoded.text;
          }
          for (const problem of checkText(filePath, text, { fixes: true })) problems.push(`mutant ${i} (${applied.join(', ')}): ${problem}`);
        }
        assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problems (seed ${seedOf(entry.path)})`);
      });
    }
  }
});
