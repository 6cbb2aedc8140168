import { describeSummary, fuzz } from './fuzzer';
import { seedFiles } from './seeds';

const USAGE = `Usage: npm run fuzz -- [--cases N] [--seed S] [--time SECONDS] [--budget MS]
  --cases   cases to run (default 100000; --time usually ends the run first)
  --seed    the run's seed (default: the current time); the same seed replays the same cases
  --time    stop after this many seconds (default 300)
  --budget  a case that takes longer than this many milliseconds is a hang (default 10000)
Failing cases are saved under test/fixtures/fuzz-regressions/, which the test suite replays.`;

function numberArg(args: readonly string[], flag: string, fallback: number): number {
  const at = args.indexOf(flag);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number, not '${args[at + 1] ?? ''}'`);
  return value;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((a, i) => a.startsWith('--') && !['--cases', '--seed', '--time', '--budget'].includes(a) && !/^--/.test(args[i - 1] ?? ''));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]}\n${USAGE}`);
  const seed = numberArg(args, '--seed', Date.now() % 2 ** 32);
  const seeds = seedFiles();
  console.log(`fuzzing with seed ${seed} over ${seeds.length} seed files`);
  let last = performance.now();
  const summary = await fuzz({
    seeds,
    seed,
    cases: numberArg(args, '--cases', 100_000),
    timeMs: numberArg(args, '--time', 300) * 1000,
    budgetMs: numberArg(args, '--budget', 10_000),
    onCase(index, outcome) {
      if (outcome.kind !== 'ok') console.log(`case ${index}: ${outcome.kind}`);
      if (performance.now() - last > 10_000) {
        last = performance.now();
        console.log(`${index + 1} cases so far`);
      }
    },
  });
  console.log(describeSummary(summary));
  return summary.failures.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
