import { MAX_ANALYSIS_TIMEOUT_MS } from '../config/config';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'html';

export type Threshold = 'error' | 'warning' | 'info';

export interface CliOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** the lowest severity that fails the run; when absent, the config's (default: error) */
  readonly failOn?: Threshold;
  /** report values that cannot be verified; when absent, the config's */
  readonly strict?: boolean;
  readonly output?: string;
  /** a config file instead of the nearest `ztlint.config.json` */
  readonly config?: string;
  readonly printConfig: boolean;
  /** fail when more warnings than this are reported */
  readonly maxWarnings?: number;
  readonly failOnParseError: boolean;
  readonly listRules: boolean;
  readonly explain?: string;
  /** report errors only */
  readonly quiet: boolean;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly help: boolean;
  readonly version: boolean;
  /** each file's time budget for the rules; when absent, the config's */
  readonly analysisTimeoutMs?: number;
  /** do not run the config's `customRules` (CI on untrusted pull requests) */
  readonly noCustomRules: boolean;
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'html'];
const THRESHOLDS: readonly Threshold[] = ['error', 'warning', 'info'];

export const USAGE = `Usage: ztlint [options] [paths...]
       ztlint lsp | ztlint --stdio       run the language server over standard input/output
       ztlint azure --subscription <id>  lint the deployed resources of a subscription (ztlint azure --help)

Lints Azure Bicep, ARM templates and Kubernetes manifests for zero-trust mistakes.
Paths are files, folders or quoted globs ('infra/**/*.bicep'; default: the current folder). Folders and globs
are walked without what .gitignore files and the config's "exclude" leave out; a file named explicitly is
always linted.

Options:
  -f, --format <text|json|sarif|html>  output format (default: text); html is one self-contained page
  -o, --output <file>             write the report to a file instead of standard output
  -c, --config <file>             use this config file instead of the nearest ztlint.config.json
      --print-config              print the effective config as JSON and exit
      --fail-on <error|warning|info>  the lowest severity that fails the run (default: error; note = info)
      --max-warnings <n>          also fail when more than n warnings are reported
      --fail-on-parse-error       fail when a file cannot be read or parsed
      --strict                    also report, as info, values that cannot be verified statically
      --analysis-timeout <ms>     each file's time budget for reading YAML and for the rules (default: the config's, else 10000)
      --no-custom-rules           do not run the config's "customRules" (for untrusted pull requests)
  -q, --quiet                     report errors only
      --fix                       apply every safe fix in place, then report what remains
      --fix-dry-run               print the safe fixes as a unified diff (detected secrets masked); change nothing
      --baseline <file>           report only findings that are not in this baseline (SARIF: marks them new or
                                  unchanged, and suppresses the unchanged ones)
      --write-baseline <file>     record today's findings in a baseline and exit
      --list-rules                list the rules (id, severity, area, title); as JSON with --format json
      --explain <rule>            show a rule's documentation
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes:
  0  nothing fails the run
  1  findings at or above --fail-on, more warnings than --max-warnings, a file that cannot be read or parsed
     with --fail-on-parse-error, or (with --fix-dry-run) fixes to apply
  2  usage or configuration error`;

function threshold(value: string, flag: string): Threshold {
  // SARIF, and so code scanning, calls info `note`.
  if (value === 'note') return 'info';
  if (!THRESHOLDS.includes(value as Threshold)) throw new UsageError(`unknown severity '${value}' for ${flag} (expected one of: ${THRESHOLDS.join(', ')}, note)`);
  return value as Threshold;
}

/** Flags that take a value, by every name they answer to, and how the value is checked. */
const VALUE_FLAGS: Record<string, (value: string, flag: string) => Partial<Record<keyof CliOptions, unknown>>> = {
  '--format': (value) => {
    if (!FORMATS.includes(value as OutputFormat)) throw new UsageError(`unknown format '${value}' (expected one of: ${FORMATS.join(', ')})`);
    return { format: value };
  },
  '--output': (value) => ({ output: value }),
  '--config': (value) => ({ config: value }),
  '--fail-on': (value, flag) => ({ failOn: threshold(value, flag) }),
  '--max-warnings': (value, flag) => {
    if (!/^\d+$/.test(value)) throw new UsageError(`${flag} needs a whole number, not '${value}'`);
    return { maxWarnings: Number(value) };
  },
  '--analysis-timeout': (value, flag) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_ANALYSIS_TIMEOUT_MS) throw new UsageError(`${flag} needs a whole number of milliseconds from 1 to ${MAX_ANALYSIS_TIMEOUT_MS}, not '${value}'`);
    return { analysisTimeoutMs: Number(value) };
  },
  '--explain': (value) => ({ explain: value }),
  '--baseline': (value) => ({ baseline: value }),
  '--write-baseline': (value) => ({ writeBaseline: value }),
};

const SWITCHES: Record<string, keyof CliOptions> = {
  '--print-config': 'printConfig',
  '--fail-on-parse-error': 'failOnParseError',
  '--strict': 'strict',
  '--quiet': 'quiet',
  '--fix': 'fix',
  '--fix-dry-run': 'fixDryRun',
  '--list-rules': 'listRules',
  '--help': 'help',
  '--version': 'version',
  '--no-custom-rules': 'noCustomRules',
};

const SHORT: Record<string, string> = { '-f': '--format', '-o': '--output', '-c': '--config', '-q': '--quiet', '-h': '--help', '-v': '--version' };

export function parseArgs(argv: readonly string[]): CliOptions {
  const paths: string[] = [];
  const options: Record<string, unknown> = { format: 'text', printConfig: false, failOnParseError: false, listRules: false, quiet: false, fix: false, fixDryRun: false, help: false, version: false, noCustomRules: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const [written, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const flag = SHORT[written] ?? written;
    const takesValue = VALUE_FLAGS[flag];
    if (takesValue) {
      const value = inline ?? argv[i + 1];
      if (value === undefined || (inline === undefined && value.startsWith('-'))) throw new UsageError(`${written} needs a value`);
      if (inline === undefined) i++;
      Object.assign(options, takesValue(value, written));
    } else if (SWITCHES[flag] && inline === undefined) {
      options[SWITCHES[flag]] = true;
    } else {
      throw new UsageError(`unknown option '${written}'`);
    }
  }
  if (options.fix && options.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (options.baseline !== undefined && options.writeBaseline !== undefined) throw new UsageError('--baseline and --write-baseline cannot be used together');
  return { ...(options as Omit<CliOptions, 'paths'>), paths: paths.length > 0 ? paths : ['.'] };
}
