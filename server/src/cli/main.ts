import * as fs from 'node:fs';
import * as path from 'node:path';
import { atOrAbove, emit, errorCode, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, say } from './exit';
import { parseArgs, USAGE, UsageError, type CliOptions, type Threshold } from './args';
import { effectiveConfigJson, loadConfig, type ZtlintConfig } from '../config/config';
import { configuredCatalogue } from '../config/configuredCatalogue';
import { baselineEntries, baselineJson, parseBaseline, withoutBaselined } from '../engine/baseline';
import { listFiles, type ListOptions } from '../engine/files';
import { lintScan, type LintedFile, type LintOptionsForScan } from '../engine/lintScan';
import { parallelScan } from '../engine/parallelScan';
import { terminalProgress } from '../engine/parallelProgress';
import { readListed } from '../engine/scan';
import { builtinCatalogue } from '../lint/catalogue';
import type { BaselineInUse, Report } from './formats/report';
import { TOOL_VERSION } from '../version';
import { fixScan } from './fix';
import { tuneCompilerForShortRun } from './shortRun';
import { fixPatch } from './fixPatch';
import { expandGlobs } from './globs';
import { displayPath } from './formats/location';
import { formatHtml } from './formats/html';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { explainRule, listRules } from './rules';

function render(report: Report, options: CliOptions): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report);
    case 'html':
      return formatHtml(report);
  }
}

/** Below this many files the workers' start-up costs more than it saves. */
const PARALLEL_FROM_FILES = 200;

/** Why the run fails, if it does: findings at the threshold, too many warnings, or (if asked) unparseable files. */
function fails(files: readonly LintedFile[], options: CliOptions, failOn: Threshold): boolean {
  const reported = files.flatMap(({ findings }) => findings.filter((f) => !f.suppression));
  if (reported.some((f) => atOrAbove(f.severity, failOn))) return true;
  if (options.maxWarnings !== undefined && reported.filter((f) => f.severity === 'warning').length > options.maxWarnings) return true;
  return options.failOnParseError && files.some(({ result }) => result.kind === 'unreadable' || result.document.diagnostics.some((d) => d.severity === 'error'));
}

/** The `ztlint` command; returns the exit code instead of exiting so tests and wrappers can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  // Loaded only when asked for: no other command needs the Azure reader and its posture checks, and a scan does
  // not need the language server's modules (loading them took a tenth of a second of every run).
  if (argv[0] === 'azure') return (require('../azure/cli') as typeof import('../azure/cli')).azureMain(argv.slice(1));
  if (argv[0] === 'lsp' || argv.includes('--stdio')) {
    // The server owns the process from here; it exits when the client asks it to.
    (require('../lsp/main') as typeof import('../lsp/main')).startLanguageServer();
    return new Promise<number>(() => undefined);
  }
  tuneCompilerForShortRun();
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${error.message}\n\n${USAGE}`);
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
  let catalogue = builtinCatalogue();
  if (options.explain !== undefined) {
    const explained = explainRule(catalogue, options.explain);
    if ('error' in explained) return fail(explained.error);
    process.stdout.write(explained.text);
    return EXIT_OK;
  }
  const base = process.cwd();
  // One config for the run: the one given, or the nearest to the first path.
  const loaded = loadConfig(options.paths[0], options.config !== undefined ? { configFile: options.config } : {});
  if (!loaded.ok) {
    // In the order of the file, as an editor lists them.
    const problems = [...loaded.problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    return fail(`invalid config\n${problems.map((p) => `${displayPath(p.file, base)}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
  }
  const config: ZtlintConfig = { ...loaded.config, strict: options.strict ?? loaded.config.strict, failOn: options.failOn ?? loaded.config.failOn, analysisTimeoutMs: options.analysisTimeoutMs ?? loaded.config.analysisTimeoutMs };
  // A custom rule module runs because the config the user chose names it, never because of a scanned file.
  const configured = configuredCatalogue(config, !options.noCustomRules);
  if (!configured.ok) return fail(`invalid custom rules\n${configured.problems.join('\n')}`);
  catalogue = configured.catalogue;
  if (options.listRules) return emit(listRules(catalogue, config, options.format), options.output) ? EXIT_OK : EXIT_USAGE;
  if (options.printConfig) return emit(JSON.stringify(effectiveConfigJson(config, catalogue.rules), null, 2) + '\n', options.output) ? EXIT_OK : EXIT_USAGE;

  const lintOptions: LintOptionsForScan = { catalogue, strict: config.strict, severities: config.rules, timeoutMs: config.analysisTimeoutMs };
  const listOptions: ListOptions = config.file ? { exclude: { base: path.dirname(config.file), patterns: config.exclude } } : {};
  const shown = (filePath: string) => displayPath(filePath, base);
  const paths = expandGlobs(options.paths, listOptions);
  const finish = (linted: readonly LintedFile[], baseline?: BaselineInUse): number => {
    const reported = options.quiet ? linted.map((file) => ({ ...file, findings: file.findings.filter((f) => f.severity === 'error') })) : linted;
    // What a baseline accepts neither counts nor shows; SARIF carries it, marked unchanged and suppressed.
    const counted = baseline ? withoutBaselined(reported, baseline.accepted, shown) : reported;
    const report: Report = options.format === 'sarif' && baseline ? { files: reported, catalogue, base, baseline } : { files: counted, catalogue, base };
    if (!emit(render(report, options), options.output)) return EXIT_USAGE;
    return fails(counted, options, config.failOn) ? EXIT_FINDINGS : EXIT_OK;
  };
  // Fixes, baselines and SARIF's `fixes` need the fix intents and models, which stay in the worker that made them.
  // Workers load the built-in rules only: custom rules run in this thread.
  const workersCan = catalogue === builtinCatalogue() && !options.fix && !options.fixDryRun && options.format !== 'sarif' && options.writeBaseline === undefined && options.baseline === undefined;
  const listing = listFiles(paths, listOptions);
  let files: LintedFile[];
  if (workersCan && listing.files.length >= PARALLEL_FROM_FILES) {
    const progress = terminalProgress();
    files = await parallelScan(paths, { strict: config.strict, severities: config.rules, timeoutMs: config.analysisTimeoutMs, list: listOptions, listing, onProgress: (phase, done, total) => progress?.update(phase, done, total) });
    progress?.end();
    return finish(files);
  }
  let scanned = readListed(listing, config.analysisTimeoutMs);
  files = lintScan(scanned, lintOptions);

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
    scanned = readListed(listing, config.analysisTimeoutMs);
    files = lintScan(scanned, lintOptions);
  }

  if (options.writeBaseline !== undefined) {
    const entries = baselineEntries(files, shown);
    try {
      fs.writeFileSync(options.writeBaseline, baselineJson(entries));
    } catch (error) {
      return fail(`cannot write ${options.writeBaseline}: ${errorCode(error)}`);
    }
    say(`recorded ${entries.length} finding${entries.length === 1 ? '' : 's'} in ${options.writeBaseline}`);
    return EXIT_OK;
  }
  if (options.baseline !== undefined) {
    let parsed: ReturnType<typeof parseBaseline>;
    try {
      parsed = parseBaseline(fs.readFileSync(options.baseline, 'utf8'));
    } catch (error) {
      return fail(`cannot read baseline ${options.baseline}: ${errorCode(error)}`);
    }
    if ('error' in parsed) return fail(`invalid baseline ${options.baseline}: ${parsed.error}`);
    return finish(files, { file: options.baseline, accepted: parsed.fingerprints });
  }
  return finish(files);
}
