import * as fs from 'node:fs';
import { parseArgs, USAGE, UsageError, type CliOptions, type Threshold } from './args';
import { lintScan } from '../engine/lintScan';
import { scan } from '../engine/scan';
import { builtinCatalogue } from '../lint/catalogue';
import type { Report } from './formats/report';
import { TOOL_VERSION } from '../version';
import { startLanguageServer } from '../lsp/main';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

function render(report: Report, options: CliOptions): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report);
  }
}

const RANK: Record<Threshold, number> = { info: 0, warning: 1, error: 2 };

function fails(report: Report, threshold: Threshold): boolean {
  return report.files.some(({ findings }) => findings.some((f) => !f.suppression && RANK[f.severity] >= RANK[threshold]));
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
  const catalogue = builtinCatalogue();
  const report: Report = { files: lintScan(scan(options.paths), { catalogue, strict: options.strict }), catalogue, base: process.cwd() };
  const rendered = render(report, options);
  if (options.output) {
    try {
      fs.writeFileSync(options.output, rendered);
    } catch (error) {
      process.stderr.write(`ztlint: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return EXIT_USAGE;
    }
  } else {
    process.stdout.write(rendered);
  }
  return fails(report, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
}
