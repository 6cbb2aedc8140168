import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, findConfigFile, loadConfig, parseConfig, type ConfigProblem, type ConfigResult, type ZtlintConfig } from '../config/config';

/** What a file's config says about it: not linted at all, or linted with these settings. */
export const EXCLUDED = 'excluded';
export type FileSettings = ZtlintConfig | typeof EXCLUDED;

export function isConfigFile(filePath: string): boolean {
  return path.basename(filePath) === CONFIG_FILE_NAME;
}

/** A config file that parsed, with its `exclude` patterns compiled once. */
interface GoodConfig {
  readonly config: ZtlintConfig;
  readonly exclude: Ignore;
  /** what the editor applies from it (failOn only matters to the CLI), to tell whether a new text changes anything */
  readonly key: string;
}

interface Entry {
  /** the last text that parsed: a broken edit keeps linting with it */
  readonly good?: GoodConfig;
  readonly problems: readonly ConfigProblem[];
}

function goodConfig(config: ZtlintConfig): GoodConfig {
  const rules = [...config.rules].sort(([a], [b]) => a.localeCompare(b));
  return { config, exclude: ignore().add(config.exclude), key: JSON.stringify([rules, config.exclude, config.strict, config.analysisTimeoutMs]) };
}

/**
 * The effective config of every file, as the CLI finds it for a path: the nearest `ztlint.config.json` in the
 * file's folder or above. Each config file is parsed once and kept until it is reloaded (it changed on disk, or
 * its editor text did), and the lookup of the nearest one is cached per folder, since files are linted on every
 * keystroke. While a config file is broken its problems are reported and the last text that parsed still counts.
 */
export class ConfigStore {
  private readonly entries = new Map<string, Entry>();
  private readonly nearest = new Map<string, string | undefined>();
  /** config files open in the editor: their unsaved text counts, as for any other open file */
  private readonly openTexts = new Map<string, string>();

  constructor(
    private readonly knownRuleIds: readonly string[],
    /** called whenever a config file is parsed, with its problems (none once it is fixed) */
    private readonly report: (file: string, problems: readonly ConfigProblem[]) => void,
  ) {}

  settingsFor(filePath: string): FileSettings {
    // A buffer with no file behind it (`untitled:`) has no folder to look for a config in.
    if (!path.isAbsolute(filePath)) return DEFAULT_CONFIG;
    const file = this.configFileFor(path.dirname(filePath));
    const good = file ? (this.entries.get(file) ?? this.load(file)).good : undefined;
    if (!file || !good) return DEFAULT_CONFIG;
    const relative = path.relative(path.dirname(file), filePath).split(path.sep).join('/');
    return good.exclude.ignores(relative) ? EXCLUDED : good.config;
  }

  isExcluded(filePath: string): boolean {
    return this.settingsFor(filePath) === EXCLUDED;
  }

  /** The editor's text of an open config file, or `undefined` when it is closed and the disk counts again. */
  setOpenText(file: string, text: string | undefined): void {
    if (text === undefined) this.openTexts.delete(file);
    else this.openTexts.set(file, text);
  }

  isOpen(file: string): boolean {
    return this.openTexts.has(file);
  }

  /**
   * Reads a config file again, as it is now in the editor or on disk; whether what it applies may have changed,
   * so that the files it governs must be linted again. A file not read before counts as changed: it was just
   * created, or nothing has been linted with it yet.
   */
  reload(file: string): boolean {
    // A config file that appears or disappears changes which one is the nearest for the folders below it.
    this.nearest.clear();
    const before = this.entries.get(file);
    if (!this.openTexts.has(file) && !fs.existsSync(file)) {
      this.entries.delete(file);
      this.report(file, []);
      return before !== undefined;
    }
    const after = this.load(file);
    return before === undefined || before.good?.key !== after.good?.key;
  }

  /** Reads every known config file and `found` again, as a rescan does for changes no watcher reported. */
  refresh(found: readonly string[]): void {
    for (const file of new Set([...this.entries.keys(), ...found])) this.reload(file);
  }

  private configFileFor(dir: string): string | undefined {
    if (!this.nearest.has(dir)) this.nearest.set(dir, findConfigFile(dir));
    return this.nearest.get(dir);
  }

  private load(file: string): Entry {
    const result = this.read(file);
    const before = this.entries.get(file)?.good;
    let entry: Entry;
    if (result.ok) {
      const good = goodConfig(result.config);
      // The same settings keep the same object, so that lint results cached against it stay valid.
      entry = { good: before?.key === good.key ? before : good, problems: [] };
    } else {
      entry = { ...(before ? { good: before } : {}), problems: result.problems };
    }
    this.entries.set(file, entry);
    this.report(file, entry.problems);
    return entry;
  }

  private read(file: string): ConfigResult {
    const text = this.openTexts.get(file);
    return text !== undefined ? parseConfig(text, file, this.knownRuleIds) : loadConfig(file, { configFile: file, knownRuleIds: this.knownRuleIds });
  }
}
