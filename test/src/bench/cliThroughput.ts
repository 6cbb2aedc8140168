import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from 'ztlint/config/config';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { listFiles, type ListOptions } from 'ztlint/engine/files';
import { parallelScan } from 'ztlint/engine/parallelScan';
import { lintScan } from 'ztlint/engine/lintScan';
import { readAndAnalyze, scan } from 'ztlint/engine/scan';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { decodeText } from 'ztlint/text/decode';
import { CORPUS_ROOT } from '../support/corpus';

const REPO = path.resolve(__dirname, '../../..');

/** Wall and CPU seconds (CPU: user + system of every thread of the process measured). */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

async function timed(run: () => unknown): Promise<Timing> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run();
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: cpuSeconds(process.cpuUsage(cpuStart)) };
}

/** A fresh Node process running `args`, with the CPU time the process reports on exit. */
function timedProcess(args: readonly string[], succeeded: (status: number | null) => boolean): Timing {
  const cpuFile = path.join(os.tmpdir(), `ztlint-bench-${process.pid}.cpu.json`);
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--require', path.join(__dirname, 'cpuOnExit.js'), ...args], { encoding: 'utf8', env: { ...process.env, ZTLINT_BENCH_CPU_FILE: cpuFile } });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  try {
    if (!succeeded(run.status)) throw new Error(`${args.join(' ')} failed: ${run.stderr}`);
    return { wall, cpu: cpuSeconds(JSON.parse(fs.readFileSync(cpuFile, 'utf8')) as NodeJS.CpuUsage) };
  } finally {
    fs.rmSync(cpuFile, { force: true });
  }
}

/** The CLI as a user runs it (a fresh process, JSON to a file); it exits 1 as the corpus has findings. */
function timedCli(): Timing {
  const output = path.join(os.tmpdir(), `ztlint-bench-${process.pid}.json`);
  try {
    return timedProcess([path.join(REPO, 'server/bin/ztlint.js'), '--format', 'json', '--output', output, CORPUS_ROOT], (status) => status === 0 || status === 1);
  } finally {
    fs.rmSync(output, { force: true });
  }
}

/** Parse-only in a fresh process on every core (see parseOnlyProcess): the floor of the CLI's own run. */
function timedParseProcess(files: readonly string[]): Timing {
  const list = path.join(os.tmpdir(), `ztlint-bench-${process.pid}.files`);
  fs.writeFileSync(list, files.join('\n'));
  try {
    return timedProcess([path.join(__dirname, 'parseOnlyProcess.js'), list], (status) => status === 0);
  } finally {
    fs.rmSync(list, { force: true });
  }
}

/** The files the CLI reads for this folder: the same listing, with the config file it would find. */
function cliFiles(root: string): string[] {
  const loaded = loadConfig(root);
  if (!loaded.ok) throw new Error(`the corpus's config is invalid: ${loaded.problems.map((p) => p.message).join('; ')}`);
  const list: ListOptions = loaded.config.file ? { exclude: { base: path.dirname(loaded.config.file), patterns: loaded.config.exclude } } : {};
  return listFiles([root], list).files;
}

/**
 * The whole command on the whole corpus (a fresh process, as a user runs it), and scan+lint on one core and on
 * every core in this process, beside reading and parsing the same files in this process once warm (the floor of any
 * linter) and in a fresh process on every core (the floor of any run of a command that starts cold). CPU time is
 * shown beside wall time, which a loaded machine stretches; the ratios are to parse-only's wall and CPU time respectively.
 */
export async function cliThroughput(): Promise<void> {
  const files = cliFiles(CORPUS_ROOT);
  const mb = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1e6;
  console.log(`\nCLI on the whole corpus: ${files.length} candidate files, ${mb.toFixed(2)} MB, ${os.availableParallelism()} cores`);

  // Parse-only floor: read, decode and parse+model every file (one warm-up pass, then timed).
  for (const file of files) readAndAnalyze(file);
  const parse = await timed(() => {
    for (const file of files) {
      const decoded = decodeText(fs.readFileSync(file));
      if (decoded.ok) analyzeDocument(file, decoded.text);
    }
  });
  const row = (label: string, t: Timing) =>
    console.log(
      `  ${label.padEnd(38)} ${t.wall.toFixed(2).padStart(6)} s wall ${(t.wall / parse.wall).toFixed(2).padStart(5)}x  ${t.cpu.toFixed(2).padStart(6)} s CPU ${(t.cpu / parse.cpu).toFixed(2).padStart(5)}x  ${(mb / t.wall).toFixed(1).padStart(6)} MB/s`,
    );
  row('parse-only (read+parse+model)', parse);
  const freshParse = timedParseProcess(files);
  row(`parse-only, fresh process, ${os.availableParallelism()} threads`, freshParse);
  const cli = timedCli();
  row('ztlint CLI (a fresh process)', cli);
  // Like with like: both start cold and read on every core.
  console.log(`  ztlint CLI / parse-only in a fresh process on every core: ${(cli.wall / freshParse.wall).toFixed(2)}x wall, ${(cli.cpu / freshParse.cpu).toFixed(2)}x CPU`);
  row('scan+lint on one core', await timed(() => lintScan(scan([CORPUS_ROOT]), { catalogue: builtinCatalogue() })));
  row(`parallel scan+lint, ${os.availableParallelism()} workers`, await timed(() => parallelScan([CORPUS_ROOT])));
}
