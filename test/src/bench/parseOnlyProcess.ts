import * as fs from 'node:fs';
import * as os from 'node:os';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { tuneV8ForShortRun } from 'ztlint/cli/shortRun';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { decodeText } from 'ztlint/text/decode';

/**
 * Parse-only as the CLI would do it: a fresh process, its V8 tuned as the CLI's is, reads, decodes and
 * parses+models the files listed (one path a line) in the file named by its argument, split over a worker thread
 * per core, and exits: what no fresh process that reads those files can do faster on this machine, whatever its
 * rules.
 */
function parse(files: readonly string[]): void {
  for (const file of files) {
    const decoded = decodeText(fs.readFileSync(file));
    if (decoded.ok) analyzeDocument(file, decoded.text);
  }
}

if (isMainThread) {
  tuneV8ForShortRun();
  const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const count = os.availableParallelism();
  for (let w = 0; w < count; w++) new Worker(__filename, { workerData: files.filter((_, i) => i % count === w) });
} else {
  parse(workerData as string[]);
}
