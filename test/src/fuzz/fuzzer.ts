import * as fs from 'node:fs';
import * as path from 'node:path';
import { prng } from '../robustness/harness';
import { MUTATIONS, STRUCTURAL_MUTATIONS } from '../robustness/mutations';
import { CaseRunner, type CaseOutcome } from './caseRunner';
import { editBetween, type SavedCase } from './regression';
import type { SeedFile } from './seeds';

export const REGRESSIONS = path.resolve(__dirname, '../../fixtures/fuzz-regressions');
/** A saved failing case: its seed, the seed file it came from and the edit the mutations made. */
export const CASE_SUFFIX = '.fuzzcase.json';

export interface FuzzOptions {
  readonly seeds: readonly SeedFile[];
  /** the run's seed: the same seed and seeds give the same cases */
  readonly seed: number;
  readonly cases: number;
  /** stop after this long even if fewer cases ran */
  readonly timeMs?: number;
  /** a case that takes longer is a hang */
  readonly budgetMs: number;
  /** where failing cases are saved (default: test/fixtures/fuzz-regressions); none when `null` */
  readonly saveTo?: string | null;
  readonly onCase?: (index: number, outcome: CaseOutcome) => void;
}

export interface FuzzFailure {
  readonly caseSeed: number;
  readonly base: string;
  readonly mutations: readonly string[];
  readonly outcome: Exclude<CaseOutcome, { kind: 'ok' }>;
  /** the saved fixture, when saved */
  readonly fixture?: string;
}

export interface FuzzSummary {
  readonly cases: number;
  readonly crashes: number;
  readonly hangs: number;
  readonly invariantFailures: number;
  /** by the extension of the path the case was linted under */
  readonly slowest: ReadonlyMap<string, { readonly ms: number; readonly base: string; readonly caseSeed: number; readonly mutations: readonly string[] }>;
  readonly failures: readonly FuzzFailure[];
  readonly elapsedMs: number;
}

/** One case's seed from the run's: cases can be replayed one by one. */
export const caseSeedOf = (seed: number, index: number) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;

const ALL_MUTATIONS = { ...MUTATIONS, ...STRUCTURAL_MUTATIONS };
const NAMES = Object.keys(ALL_MUTATIONS);

/** The case a case seed stands for: a seed file and one to four mutations, sometimes a splice of another seed. */
export function makeCase(seeds: readonly SeedFile[], caseSeed: number): { base: SeedFile; text: string; mutations: string[] } {
  const random = prng(caseSeed);
  const base = random.pick(seeds);
  let text = base.text;
  const mutations: string[] = [];
  for (let m = 1 + random.int(4); m > 0; m--) {
    if (random.next() < 0.1) {
      // A piece of another file pasted in: syntax of one format inside another.
      const donor = random.pick(seeds).text;
      const from = random.int(donor.length + 1);
      const at = random.int(text.length + 1);
      text = text.slice(0, at) + donor.slice(from, from + 1 + random.int(500)) + text.slice(at);
      mutations.push('splice another file');
      continue;
    }
    const name = random.pick(NAMES);
    text = ALL_MUTATIONS[name](text, random);
    mutations.push(name);
  }
  return { base, text, mutations };
}

function save(dir: string, caseSeed: number, base: SeedFile, text: string, mutations: readonly string[], outcome: FuzzFailure['outcome']): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${caseSeed.toString(16).padStart(8, '0')}${path.extname(base.path)}${CASE_SUFFIX}`);
  const what = outcome.kind === 'problems' ? outcome.problems.slice(0, 5) : outcome.kind === 'crash' ? [outcome.message] : [`over the budget (${outcome.ms.toFixed(0)} ms)`];
  const saved: SavedCase = { caseSeed, base: base.name, lintedAs: base.path, mutations, outcome: outcome.kind, what, edit: editBetween(base.text, text) };
  fs.writeFileSync(file, `${JSON.stringify(saved, null, 1)}\n`);
  return file;
}

/** A bounded, seeded mutation fuzzing run of analysis, rules and fixes. */
export async function fuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const runner = new CaseRunner();
  const started = performance.now();
  const failures: FuzzFailure[] = [];
  const slowest = new Map<string, { ms: number; base: string; caseSeed: number; mutations: readonly string[] }>();
  let cases = 0;
  try {
    for (let i = 0; i < options.cases; i++) {
      if (options.timeMs !== undefined && performance.now() - started > options.timeMs) break;
      const caseSeed = caseSeedOf(options.seed, i);
      const { base, text, mutations } = makeCase(options.seeds, caseSeed);
      // The seed file is the version an editor had before the mutated one.
      let outcome = await runner.run(base.path, text, options.budgetMs, base.text);
      // A busy machine can stall a case: a hang counts only if it hangs again, alone in a fresh thread.
      if (outcome.kind === 'hang') outcome = await runner.run(base.path, text, options.budgetMs, base.text);
      cases++;
      options.onCase?.(i, outcome);
      const format = path.extname(base.path);
      if (outcome.kind !== 'hang' && outcome.kind !== 'crash' && (slowest.get(format)?.ms ?? -1) < outcome.ms) slowest.set(format, { ms: outcome.ms, base: base.name, caseSeed, mutations });
      if (outcome.kind === 'ok') continue;
      const saveTo = options.saveTo === undefined ? REGRESSIONS : options.saveTo;
      failures.push({ caseSeed, base: base.name, mutations, outcome, ...(saveTo ? { fixture: save(saveTo, caseSeed, base, text, mutations, outcome) } : {}) });
    }
  } finally {
    await runner.close();
  }
  const count = (kind: string) => failures.filter((f) => f.outcome.kind === kind).length;
  return { cases, crashes: count('crash'), hangs: count('hang'), invariantFailures: count('problems'), slowest, failures, elapsedMs: performance.now() - started };
}

/** The summary as a few lines for a terminal or a test log. */
export function describeSummary(summary: FuzzSummary): string {
  const lines = [
    `${summary.cases} cases in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${summary.crashes} crashes, ${summary.hangs} hangs (over the budget), ${summary.invariantFailures} broken invariants`,
    ...[...summary.slowest].sort(([a], [b]) => a.localeCompare(b)).map(([format, s]) => `  slowest ${format}: ${s.ms.toFixed(0)} ms, case ${s.caseSeed.toString(16)} (${s.base}; ${s.mutations.join(', ')})`),
    ...summary.failures.map((f) => `  FAILED case ${f.caseSeed.toString(16)} (${f.base}; ${f.mutations.join(', ')}): ${f.outcome.kind}${f.fixture ? ` -> ${f.fixture}` : ''}`),
  ];
  return lines.join('\n');
}
