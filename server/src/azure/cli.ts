import * as fs from 'node:fs';
import type { Threshold } from '../cli/args';
import { atOrAbove, emit, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, say } from '../cli/exit';
import { loadConfig } from '../config/config';
import { configuredCatalogue } from '../config/configuredCatalogue';
import { DeployedReadError, readDeployed } from './client/readDeployed';
import { snapshotScope } from './client/scope';
import { driftFindings, lintDeployed } from './posture';
import type { DeployedReport } from './report/deployedReport';
import { formatDeployedJson } from './report/json';
import { formatDeployedSarif } from './report/sarif';
import { formatDeployedText } from './report/text';
import type { DeployedSnapshot } from './snapshot';

type AzureFormat = 'text' | 'json' | 'sarif';

interface AzureOptions {
  readonly subscription?: string;
  readonly resourceGroups: readonly string[];
  readonly templates: readonly string[];
  readonly format: AzureFormat;
  readonly output?: string;
  readonly failOn?: Threshold;
  readonly strict?: boolean;
  readonly config?: string;
  readonly help: boolean;
}

export const AZURE_USAGE = `Usage: ztlint azure --subscription <id> [options]

Reads the deployed resources of a subscription (or some of its resource groups) from Azure Resource Manager with
read-only calls and runs the same rules on them. Signs in with DefaultAzureCredential: the Azure CLI's login
(az login) on a laptop, a managed identity or workload identity federation in CI. Needs Reader on the scope.

Options:
  -s, --subscription <id>         the subscription to read (required)
  -g, --resource-group <name>     read only this resource group (repeatable; default: the whole subscription)
  -t, --template <file>           also report where deployed resources differ from this Bicep or ARM template
                                  (repeatable)
  -f, --format <text|json|sarif>  output format (default: text)
  -o, --output <file>             write the report to a file instead of standard output
  -c, --config <file>             use this config file instead of the nearest ztlint.config.json
      --fail-on <error|warning|info>  the lowest severity that fails the run (default: error)
      --strict                    also report, as info, what cannot be verified
  -h, --help                      show this help

Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage, configuration or sign-in error, or nothing in the scope could be read`;

class AzureUsageError extends Error {}

const FORMATS: readonly AzureFormat[] = ['text', 'json', 'sarif'];
const THRESHOLDS: readonly Threshold[] = ['error', 'warning', 'info'];
const SHORT: Record<string, string> = { '-s': '--subscription', '-g': '--resource-group', '-t': '--template', '-f': '--format', '-o': '--output', '-c': '--config', '-h': '--help' };

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(value as T)) throw new AzureUsageError(`unknown value '${value}' for ${flag} (expected one of: ${allowed.join(', ')})`);
  return value as T;
}

function parseAzureArgs(argv: readonly string[]): AzureOptions {
  const resourceGroups: string[] = [];
  const templates: string[] = [];
  const options: { -readonly [K in keyof AzureOptions]?: AzureOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const [written, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const flag = SHORT[written] ?? written;
    if (flag === '--help' || flag === '--strict') {
      if (inline !== undefined) throw new AzureUsageError(`${written} takes no value`);
      options[flag === '--help' ? 'help' : 'strict'] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-'))) throw new AzureUsageError(flag.startsWith('-') ? `${written} needs a value` : `unexpected argument '${written}'`);
    switch (flag) {
      case '--subscription':
        options.subscription = value;
        break;
      case '--resource-group':
        resourceGroups.push(value);
        break;
      case '--template':
        templates.push(value);
        break;
      case '--format':
        options.format = oneOf(value, FORMATS, written);
        break;
      case '--output':
        options.output = value;
        break;
      case '--config':
        options.config = value;
        break;
      case '--fail-on':
        options.failOn = oneOf(value, THRESHOLDS, written);
        break;
      default:
        throw new AzureUsageError(written.startsWith('-') ? `unknown option '${written}'` : `unexpected argument '${written}'`);
    }
  }
  return { format: 'text', help: false, ...options, resourceGroups, templates };
}

function render(report: DeployedReport, format: AzureFormat): string {
  switch (format) {
    case 'json':
      return formatDeployedJson(report);
    case 'sarif':
      return formatDeployedSarif(report);
    case 'text':
      return formatDeployedText(report);
  }
}

/** `ztlint azure ...`: returns the exit code. Nothing it prints comes from a token or a request header. */
export async function azureMain(argv: readonly string[]): Promise<number> {
  let options: AzureOptions;
  try {
    options = parseAzureArgs(argv);
    if (!options.help && options.subscription === undefined) throw new AzureUsageError('--subscription is required');
  } catch (error) {
    if (!(error instanceof AzureUsageError)) throw error;
    process.stderr.write(`ztlint azure: ${error.message}\n\n${AZURE_USAGE}\n`);
    return EXIT_USAGE;
  }
  if (options.help) {
    process.stdout.write(`${AZURE_USAGE}\n`);
    return EXIT_OK;
  }
  const scope = snapshotScope(options.subscription ?? '', options.resourceGroups);
  if ('error' in scope) return fail(scope.error);
  const missing = options.templates.find((file) => !fs.existsSync(file));
  if (missing !== undefined) return fail(`template not found: ${missing}`);
  const base = process.cwd();
  const loaded = loadConfig(options.templates[0] ?? base, options.config !== undefined ? { configFile: options.config } : {});
  if (!loaded.ok) return fail(`invalid config\n${loaded.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
  const failOn = options.failOn ?? loaded.config.failOn;
  // The same rules as a file scan with this config, its own rules included.
  const configured = configuredCatalogue(loaded.config, true);
  if (!configured.ok) return fail(configured.problems.join('\n'));
  const { catalogue } = configured;

  let snapshot: DeployedSnapshot;
  try {
    snapshot = await readDeployed(scope, say);
  } catch (error) {
    if (!(error instanceof DeployedReadError)) throw error;
    return fail(error.message);
  }
  const postureOptions = { catalogue, strict: options.strict ?? loaded.config.strict, severities: loaded.config.rules };
  const findings = lintDeployed(snapshot, postureOptions);
  const drift = options.templates.length > 0 ? driftFindings(snapshot, options.templates, postureOptions, findings) : [];
  const text = render({ snapshot, findings, drift, catalogue, base }, options.format);
  // The text report lists what could not be read; other formats and files would leave it unseen in a CI log.
  if (options.format !== 'text' || options.output) for (const problem of snapshot.problems) say(problem.message);
  if (!emit(text, options.output)) return EXIT_USAGE;
  return [...findings, ...drift].some((f) => atOrAbove(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
