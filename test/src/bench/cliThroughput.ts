import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { listFiles } from 'ztlint/engine/files';
import { parallelScan } from 'ztlint/engine/parallelScan';
import { readAndAnalyze } from 'ztlint/engine/scan';
import { decodeText } from 'ztlint/text/decode';
import * as fs from 'node:fs';
import { CORPUS_ROOT } from '../support/corpus';

const REPO = path.resolve(__dirname, '../../..');

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * The whole command on the whole corpus, as a user runs it (a fresh process, wall time, JSON to a file), single
 * process and on every core, beside reading and parsing the same files in this process: the floor of any linter.
 */
export async function cliThroughput(): Promise<void> {
  const { files } = listFiles([CORPUS_ROOT]);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const mb = bytes / 1e6;
  console.log(`\nCLI on the whole corpus: ${files.length} candidate files, ${mb.toFixed(2)} MB, ${os.availableParallelism()} cores`);

  // Parse-only floor: read, decode and parse+model every file (one warm-up pass, then timed).
  for (const file of files) readAndAnalyze(file);
  const parseStart = process.hrtime.bigint();
  for (const file of files) {
    const decoded = decodeText(fs.readFileSync(file));
    if (decoded.ok) analyzeDocument(file, decoded.text);
  }
  const parse = seconds(parseStart);
  const row = (label: string, s: number) => console.log(`  ${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s  ${(mb / s).toFixed(1).padStart(6)} MB/s  ${(s / parse).toFixed(2)}x parse-only`);
  row('parse-only (read+parse+model)', parse);

  const output = path.join(os.tmpdir(), `ztlint-bench-${process.pid}.json`);
  const cliStart = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(REPO, 'server/bin/ztlint.js'), '--format', 'json', '--output', output, CORPUS_ROOT], { encoding: 'utf8' });
  const cli = seconds(cliStart);
  fs.rmSync(output, { force: true });
  if (run.status !== 0 && run.status !== 1) throw new Error(`ztlint failed: ${run.stderr}`);
  row('ztlint CLI, one process', cli);

  const parallelStart = process.hrtime.bigint();
  await parallelScan([CORPUS_ROOT]);
  row(`parallel scan+lint, ${os.availableParallelism()} workers`, seconds(parallelStart));
}
