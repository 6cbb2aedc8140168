import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { builtinCatalogue } from '../lint/catalogue';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../lint/deadline';
import { SEVERITIES, type Severity } from '../lint/ruleApi';
import { LineIndex } from '../text/lineIndex';
import { didYouMean } from './suggest';

/** The file ztlint looks for in the scanned folder and each folder above it; the CLI and the editor share it. */
export const CONFIG_FILE_NAME = 'ztlint.config.json';

export type RuleSetting = Severity | 'off';

const RULE_SETTINGS: readonly RuleSetting[] = ['off', ...SEVERITIES];

export interface ZtlintConfig {
  /** the file the settings were read from; absent when none was found and these are the defaults */
  readonly file?: string;
  /** severities that replace a rule's own; `off` turns it off */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** `.gitignore`-style patterns, relative to the config file's folder */
  readonly exclude: readonly string[];
  readonly strict: boolean;
  /** the lowest severity that fails a CLI run */
  readonly failOn: Severity;
  /** each file's time budget for reading its YAML and for the rules (each), in milliseconds */
  readonly analysisTimeoutMs: number;
  /** the user's own rule modules, as absolute paths; they run only where the workspace is trusted */
  readonly customRules: readonly string[];
}

/** A budget longer than this is a mistake (minutes per file), not a setting. */
export const MAX_ANALYSIS_TIMEOUT_MS = 600_000;
const SETTINGS = ['rules', 'exclude', 'strict', 'failOn', 'analysisTimeoutMs', 'customRules'];

/** A mistake in a config file, at a one-based line and column. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type ConfigResult = { readonly ok: true; readonly config: ZtlintConfig } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export const DEFAULT_CONFIG: ZtlintConfig = { rules: new Map(), exclude: [], strict: false, failOn: 'error', analysisTimeoutMs: DEFAULT_ANALYSIS_TIMEOUT_MS, customRules: [] };

/** The nearest config file for a folder, or for a file's folder, searching upwards. */
export function findConfigFile(target: string): string | undefined {
  const resolved = path.resolve(target);
  let dir = isDirectory(resolved) ? resolved : path.dirname(resolved);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The effective config for a folder or file: `configFile` when given, else the nearest `ztlint.config.json`, else
 * the defaults. `knownRuleIds` are the ids a config may name (default: the built-in rules).
 */
export function loadConfig(target: string, options: { readonly configFile?: string; readonly knownRuleIds?: readonly string[] } = {}): ConfigResult {
  const file = options.configFile ? path.resolve(options.configFile) : findConfigFile(target);
  if (!file) return { ok: true, config: DEFAULT_CONFIG };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, column: 1, message: `cannot read config file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }] };
  }
  return parseConfig(text, file, options.knownRuleIds ?? builtinCatalogue().rules.map((r) => r.id));
}

/** Parses and validates a config file's text (JSON with comments); every problem is reported, not just the first. */
export function parseConfig(text: string, file: string, knownRuleIds: readonly string[]): ConfigResult {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const problem = (offset: number, message: string) => {
    const position = lines.positionAt(offset);
    problems.push({ file, line: position.line + 1, column: position.character + 1, message });
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) problem(error.offset, `invalid JSON: ${words(printParseErrorCode(error.error))}`);
  if (problems.length > 0) return { ok: false, problems };
  if (root?.type !== 'object') {
    problem(root?.offset ?? 0, 'expected an object: { "rules": { ... }, "exclude": [ ... ], "strict": false, "failOn": "error", "analysisTimeoutMs": 10000, "customRules": [ ... ] }');
    return { ok: false, problems };
  }

  const rules = new Map<string, RuleSetting>();
  let exclude: string[] = [];
  let strict = DEFAULT_CONFIG.strict;
  let failOn = DEFAULT_CONFIG.failOn;
  let analysisTimeoutMs = DEFAULT_CONFIG.analysisTimeoutMs;
  let customRules: string[] = [];
  /** rule ids the built-in rules do not have: the custom rules may, which only loading them can tell */
  const unknownIds: Node[] = [];
  const oneOf = <T extends string>(node: Node, allowed: readonly T[], what: string): T | undefined => {
    if (node.type === 'string' && allowed.includes(node.value as T)) return node.value as T;
    problem(node.offset, `${what} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${jsonText(text, node)}`);
    return undefined;
  };
  for (const [keyNode, value] of properties(root)) {
    const key = keyNode.value as string;
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        if (value.type !== 'object') {
          problem(value.offset, `"rules" must be an object of rule ids and "off", "error", "warning" or "info"`);
          break;
        }
        for (const [idNode, setting] of properties(value)) {
          const id = idNode.value as string;
          if (!knownRuleIds.includes(id)) unknownIds.push(idNode);
          const severity = oneOf(setting, RULE_SETTINGS, `the setting of rule '${id}'`);
          if (severity) rules.set(id, severity);
        }
        break;
      case 'exclude':
        if (value.type !== 'array' || !(value.children ?? []).every((c) => c.type === 'string')) {
          problem(value.offset, `"exclude" must be an array of .gitignore-style patterns (strings)`);
          break;
        }
        exclude = (value.children ?? []).map((c) => c.value as string);
        break;
      case 'strict':
        if (value.type === 'boolean') strict = value.value as boolean;
        else problem(value.offset, `"strict" must be true or false, not ${jsonText(text, value)}`);
        break;
      case 'failOn':
        failOn = oneOf(value, SEVERITIES, '"failOn"') ?? failOn;
        break;
      case 'analysisTimeoutMs':
        if (value.type === 'number' && Number.isInteger(value.value) && value.value > 0 && value.value <= MAX_ANALYSIS_TIMEOUT_MS) analysisTimeoutMs = value.value as number;
        else problem(value.offset, `"analysisTimeoutMs" must be a whole number of milliseconds from 1 to ${MAX_ANALYSIS_TIMEOUT_MS}, not ${jsonText(text, value)}`);
        break;
      case 'customRules':
        if (value.type !== 'array' || !(value.children ?? []).every((c) => c.type === 'string' && c.value !== '')) {
          problem(value.offset, `"customRules" must be an array of paths to rule modules (.js), relative to the config file`);
          break;
        }
        customRules = (value.children ?? []).map((c) => path.resolve(path.dirname(file), c.value as string));
        break;
      default:
        problem(keyNode.offset, `unknown setting "${key}"${didYouMean(key, SETTINGS)}`);
    }
  }
  // Without custom rules every id must be a built-in one; with them, the ids are checked once they are loaded.
  if (customRules.length === 0) for (const idNode of unknownIds) problem(idNode.offset, `unknown rule '${idNode.value as string}'${didYouMean(idNode.value as string, knownRuleIds)}`);
  // In the order they are written, whatever order they were found in.
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { file, rules, exclude, strict, failOn, analysisTimeoutMs, customRules } };
}

function properties(object: Node): [Node, Node][] {
  return (object.children ?? []).flatMap((p) => (p.children?.length === 2 ? [[p.children[0], p.children[1]] as [Node, Node]] : []));
}

function jsonText(text: string, node: Node): string {
  const written = text.slice(node.offset, node.offset + node.length);
  return written.length > 40 ? `${written.slice(0, 40)}…` : written;
}

/** `CloseBraceExpected` → `close brace expected` */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The config as JSON, with the severity every rule runs at: what `--print-config` shows. */
export function effectiveConfigJson(config: ZtlintConfig, ruleDefaults: readonly { readonly id: string; readonly severity: Severity }[]): object {
  return {
    file: config.file ?? null,
    rules: Object.fromEntries(ruleDefaults.map((r) => [r.id, config.rules.get(r.id) ?? r.severity])),
    exclude: config.exclude,
    strict: config.strict,
    failOn: config.failOn,
    analysisTimeoutMs: config.analysisTimeoutMs,
    customRules: config.customRules,
  };
}
