import type { AnalyzedDocument } from '../engine/document';
import { lintWithParameterFiles } from '../engine/lintScan';
import { parameterFilesFor } from '../engine/parameterFiles';
import type { Catalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { LintOptions } from '../lint/lintDocument';
import { EXCLUDED, type FileSettings } from './configStore';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

/** One file's lint result in the current workspace. */
export interface FileLint {
  readonly findings: readonly Finding[];
  /** what went wrong inside ztlint (analysis or a rule threw): shown as one internal-error diagnostic each */
  readonly internalErrors: readonly string[];
  /** the file's config excludes it: nothing is shown for it, not even its syntax errors, as the CLI never reads it */
  readonly excluded: boolean;
}

const NOTHING: FileLint = { findings: [], internalErrors: [], excluded: false };
const EXCLUDED_LINT: FileLint = { findings: [], internalErrors: [], excluded: true };

/**
 * Lints files against the rest of the workspace index, with the settings of each file's config, and keeps each
 * result until the index or those settings change, so that publishing, code actions and hovers on the same text
 * share one run.
 */
export class FileLinter {
  private readonly cache = new Map<string, { readonly revision: number; readonly settings: FileSettings; readonly lint: FileLint }>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: Catalogue,
    /** the same object for as long as the file's config says the same (see ConfigStore) */
    private readonly settingsFor: (filePath: string) => FileSettings,
    private readonly log: (message: string) => void,
  ) {}

  lint(file: IndexedFile): FileLint {
    const settings = this.settingsFor(file.path);
    const cached = this.cache.get(file.path);
    if (cached && cached.revision === this.index.revision && cached.settings === settings) return cached.lint;
    const lint = settings === EXCLUDED ? EXCLUDED_LINT : this.run(file, this.options(file, settings));
    this.cache.set(file.path, { revision: this.index.revision, settings, lint });
    return lint;
  }

  /** The lint function `applyFixes` re-runs after each pass, with this file's workspace and settings. */
  lintFunction(file: IndexedFile): (document: AnalyzedDocument) => readonly Finding[] {
    const settings = this.settingsFor(file.path);
    if (settings === EXCLUDED) return () => [];
    const options = this.options(file, settings);
    return (document) => lintWithParameterFiles(document, parameterFilesFor(document, this.index.documents()), options).findings;
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
  }

  private options(file: IndexedFile, settings: Exclude<FileSettings, typeof EXCLUDED>): LintOptions {
    return { rules: this.catalogue.rules, workspace: this.index.workspaceFor(file.path), strict: settings.strict, severities: settings.rules };
  }

  private run(file: IndexedFile, options: LintOptions): FileLint {
    if (file.analysis.kind === 'crashed') return { findings: [], internalErrors: [this.logOnce(file, `analysis failed: ${file.analysis.message}`)], excluded: false };
    const document = file.document;
    if (!document) return NOTHING;
    try {
      const result = lintWithParameterFiles(document, parameterFilesFor(document, this.index.documents()), options);
      return { findings: result.findings, internalErrors: result.failures.map((f) => this.logOnce(file, `rule ${f.ruleId} failed: ${f.message}`)), excluded: false };
    } catch (error) {
      return { findings: [], internalErrors: [this.logOnce(file, `linting failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)], excluded: false };
    }
  }

  /** Logs a problem the first time it happens in a file; a file re-linted on every keystroke would flood the log. */
  private logOnce(file: IndexedFile, message: string): string {
    const key = `${file.path}\n${message}`;
    if (!this.logged.has(key)) {
      this.logged.add(key);
      this.log(`ztlint: ${file.path}: ${message}`);
    }
    return message.split('\n')[0];
  }
}
