import * as fs from 'node:fs';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { scan, type ScanResult } from '../engine/scan';
import { TOOL_VERSION } from '../version';
import { startLanguageServer } from '../lsp/main';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

function render(result: ScanResult, options: CliOptions, base: string): string {
  switch (options.format) {
    case 'json':
      return formatJson(result, base);
    case 'sarif':
      return formatSarif(result, base);
    case 'text':
      return formatText(result, base);
  }
}

/** The `ztlint` command; returns the exit code instead of exiting so tests and wrappers can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'lsp' || argv.includes('--stdio')) {
    // The server owns the process from here; it exits when the client asks it to.
    startLanguageServer();
    return new Promise<number>(() => undefined);
  }
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ztlint: ${error.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.version) {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const base = process.cwd();
  const report = render(scan(options.paths), options, base);
  if (options.output) {
    try {
      fs.writeFileSync(options.output, report);
    } catch (error) {
      process.stderr.write(`ztlint: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return EXIT_USAGE;
    }
  } else {
    process.stdout.write(report);
  }
  return EXIT_OK;
}
