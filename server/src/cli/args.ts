export type OutputFormat = 'text' | 'json' | 'sarif';

export type Threshold = 'error' | 'warning' | 'info';

export interface CliOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  /** the lowest severity that fails the run */
  readonly failOn: Threshold;
  /** report values that cannot be verified */
  readonly strict: boolean;
  readonly output?: string;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const THRESHOLDS: readonly Threshold[] = ['error', 'warning', 'info'];

export const USAGE = `Usage: ztlint [options] [paths...]
       ztlint lsp | ztlint --stdio       run the language server over standard input/output

Lints Azure Bicep, ARM templates and Kubernetes manifests for zero-trust mistakes.
Paths are files or folders (default: the current folder).

Options:
  -f, --format <text|json|sarif>  output format (default: text)
  -o, --output <file>             write the report to a file instead of standard output
      --fail-on <error|warning|info>  the lowest severity that fails the run (default: error)
      --strict                    also report, as info, values that cannot be verified statically
  -h, --help                      show this help
  -v, --version                   show the version

Exit codes: 0 no findings at or above the threshold, 1 findings, 2 usage or configuration error.`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  let output: string | undefined;
  let failOn: Threshold = 'error';
  let strict = false;
  let help = false;
  let version = false;
  const valueOf = (flag: string, i: number, inline: string | undefined): string => {
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('-'))) throw new UsageError(`${flag} needs a value`);
    return value;
  };
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
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    switch (flag) {
      case '-f':
      case '--format': {
        const value = valueOf(flag, i, inline);
        if (!FORMATS.includes(value as OutputFormat)) throw new UsageError(`unknown format '${value}' (expected one of: ${FORMATS.join(', ')})`);
        format = value as OutputFormat;
        if (inline === undefined) i++;
        break;
      }
      case '-o':
      case '--output':
        output = valueOf(flag, i, inline);
        if (inline === undefined) i++;
        break;
      case '--fail-on': {
        const value = valueOf(flag, i, inline);
        if (!THRESHOLDS.includes(value as Threshold)) throw new UsageError(`unknown severity '${value}' for --fail-on (expected one of: ${THRESHOLDS.join(', ')})`);
        failOn = value as Threshold;
        if (inline === undefined) i++;
        break;
      }
      case '--strict':
        strict = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      case '-v':
      case '--version':
        version = true;
        break;
      default:
        throw new UsageError(`unknown option '${flag}'`);
    }
  }
  return { paths: paths.length > 0 ? paths : ['.'], format, output, failOn, strict, help, version };
}
