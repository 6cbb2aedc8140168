import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { atOrAbove, emit, errorCode, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, say } from './exit';
import { parseArgs, USAGE, UsageError, type CliOptions, type Threshold } from './args';
import { effectiveConfigJson, loadConfig, type ZtlintConfig } from '../config/config';
import { configuredCatalogue } from '../config/configuredCatalogue';
import { baselineEntries, baselineJson, parseBaseline, withoutBaselined } from '../engine/baseline';
import type { LintedFile, LintOptionsForScan } from '../engine/lintScan';
import { listFiles, type ListOptions } from '../engine/files';
import { ScanWorkers } from '../engine/parallelScan';
import { terminalProgress } from '../engine/parallelProgress';
import { builtinCatalogue } from '../lint/catalogue';
import type { BaselineInUse, Report } from './formats/report';
import { TOOL_VERSION } from '../version';
import { tuneV8ForShortRun } from './shortRun';
import { expandGlobs } from './globs';
import { displayPath } from './formats/location';
import { explainRule, listRules } from './rules';

/** Below this many files the workers' start-up costs more than it saves. */
const PARALLEL_FROM_FILES = 200;

/** Why the run fails, if it does: findings at the threshold, too many warnings, or (if asked) unparseable files. */
function fails(files: readonly LintedFile[], options: CliOptions, failOn: Threshold): boolean {
  const reported = files.flatMap(({ findings }) => findings.filter((f) => !f.suppression));
  if (reported.some((f) => atOrAbove(f.severity, failOn))) return true;
  if (options.maxWarnings !== undefined && reported.filter((f) => f.severity === 'warning').length > options.maxWarnings) return true;
  return options.failOnParseError && files.some(({ result }) => result.kind === 'unreadable' || result.document.diagnostics.some((d) => d.severity === 'error'));
}

/**
 * The `ztlint` command; returns the exit code instead of exiting so tests and wrappers can call it. A scan in this
 * thread (`./inThread`) and the output formats (`./render`) are loaded when needed: the engine they load took half
 * a tenth of a second, which a large scan's workers (see `ScanWorkers`) would otherwise wait for.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // Loaded only when asked for: no other command needs the Azure reader and its posture checks, and a scan does
  // not need the language server's modules (loading them took a tenth of a second of every run).
  if (argv[0] === 'azure') return (require('../azure/cli') as typeof import('../azure/cli')).azureMain(argv.slice(1));
  if (argv[0] === 'lsp' || argv.includes('--stdio')) {
    // The server owns the process from here; it exits when the client asks it to.
    (require('../lsp/main') as typeof import('../lsp/main')).startLanguageServer();
    return new Promise<number>(() => undefined);
  }
  tuneV8ForShortRun();
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
    if (!emit((require('./render') as typeof import('./render')).render(report, options.format), options.output)) return EXIT_USAGE;
    return fails(counted, options, config.failOn) ? EXIT_FINDINGS : EXIT_OK;
  };
  // Fixes are applied from the models, which stay in the worker that made them (SARIF's `fixes` are written there).
  // Workers load the built-in rules only: custom rules run in this thread.
  const workersCan = catalogue === builtinCatalogue() && !options.fix && !options.fixDryRun;
  // The workers start as soon as the scan is known to be large, and load the engine while the listing goes on.
  let workers: ScanWorkers | undefined;
  const startWorkers = (count: number) => {
    if (count === PARALLEL_FROM_FILES) workers = new ScanWorkers(os.availableParallelism(), { strict: config.strict, severities: config.rules, timeoutMs: config.analysisTimeoutMs, fixEdits: options.format === 'sarif' });
  };
  const listing = listFiles(paths, listOptions, workersCan ? startWorkers : undefined);
  let files: readonly LintedFile[];
  if (workers) {
    const progress = terminalProgress();
    files = await workers.lint(listing, (phase, done, total) => progress?.update(phase, done, total));
    progress?.end();
  } else {
    const inThread = (require('./inThread') as typeof import('./inThread')).scanInThread(listing, lintOptions, options, shown);
    if (typeof inThread === 'number') return inThread;
    files = inThread;
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
