import * as fs from 'node:fs';
import type { FileListing } from '../engine/files';
import { lintScan, type LintedFile, type LintOptionsForScan } from '../engine/lintScan';
import { readListed } from '../engine/scan';
import type { CliOptions } from './args';
import { emit, errorCode, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, say } from './exit';
import { fixScan } from './fix';
import { fixPatch } from './fixPatch';

/**
 * A scan in this thread: reading and linting the files listed, then what needs the models it keeps: applying
 * the fixes (`--fix`) or printing them (`--fix-dry-run`). Returns the linted files (what is left after `--fix`),
 * or the exit code when `--fix-dry-run` ends the run.
 */
export function scanInThread(listing: FileListing, lintOptions: LintOptionsForScan, options: CliOptions, shown: (filePath: string) => string): LintedFile[] | number {
  let scanned = readListed(listing, lintOptions.timeoutMs);
  let files = lintScan(scanned, lintOptions);

  if (options.fix || options.fixDryRun) {
    const fixed = fixScan(scanned, files, lintOptions);
    if (options.fixDryRun) {
      const patch = fixPatch(fixed, files.flatMap((f) => f.findings), shown);
      if (!emit(patch.text, options.output)) return EXIT_USAGE;
      if (patch.maskedLines > 0) say(`detected secrets are masked on ${patch.maskedLines} line${patch.maskedLines === 1 ? '' : 's'} of the diff; git apply refuses the hunks that hold them`);
      return fixed.length > 0 ? EXIT_FINDINGS : EXIT_OK;
    }
    let applied = 0;
    for (const file of fixed) {
      try {
        fs.writeFileSync(file.path, file.after);
        applied += file.applied;
      } catch (error) {
        say(`cannot write fixes to ${shown(file.path)}: ${errorCode(error)}`);
      }
    }
    say(`applied ${applied} fix${applied === 1 ? '' : 'es'} in ${fixed.length} file${fixed.length === 1 ? '' : 's'}`);
    // What remains is what a fresh run would report.
    scanned = readListed(listing, lintOptions.timeoutMs);
    files = lintScan(scanned, lintOptions);
  }

  return files;
}
