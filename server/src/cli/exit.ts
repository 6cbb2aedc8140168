import * as fs from 'node:fs';
import type { Threshold } from './args';

/** Exit codes of every `ztlint` command (files and `azure` alike). */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const RANK: Record<Threshold, number> = { info: 0, warning: 1, error: 2 };

/** Whether a finding of this severity fails a run whose threshold is `failOn`. */
export const atOrAbove = (severity: Threshold, failOn: Threshold): boolean => RANK[severity] >= RANK[failOn];

/** What went wrong reading or writing a file: its error code (`ENOENT`, `EACCES`), else the error itself. */
export const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

export const say = (message: string) => {
  process.stderr.write(`ztlint: ${message}\n`);
};

/** Says what is wrong and gives the usage exit code. */
export const fail = (message: string) => {
  say(message);
  return EXIT_USAGE;
};

/** Writes to `output` or standard output; false (after saying why) when the file cannot be written. */
export function emit(text: string, output: string | undefined): boolean {
  if (!output) {
    process.stdout.write(text);
    return true;
  }
  try {
    fs.writeFileSync(output, text);
    return true;
  } catch (error) {
    fail(`cannot write ${output}: ${errorCode(error)}`);
    return false;
  }
}
