import type { AnalyzedDocument } from '../engine/document';
import { lintWithParameterFiles } from '../engine/lintScan';
import { parameterFilesFor } from '../engine/parameterFiles';
import type { Catalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

/** One file's lint result in the current workspace. */
export interface FileLint {
  readonly findings: readonly Finding[];
  /** what went wrong inside ztlint (analysis or a rule threw): shown as one internal-error diagnostic each */
  readonly internalErrors: readonly string[];
}

const NOTHING: FileLint = { findings: [], internalErrors: [] };

/**
 * Lints files against the rest of the workspace index and keeps each result until the index changes, so that
 * publishing, code actions and hovers on the same text share one run.
 */
export class FileLinter {
  private readonly cache = new Map<string, { readonly revision: number; readonly lint: FileLint }>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: Catalogue,
    private readonly log: (message: string) => void,
  ) {}

  lint(file: IndexedFile): FileLint {
    const cached = this.cache.get(file.path);
    if (cached && cached.revision === this.index.revision) return cached.lint;
    const lint = this.run(file);
    this.cache.set(file.path, { revision: this.index.revision, lint });
    return lint;
  }

  /** The lint function `applyFixes` re-runs after each pass, with this file's workspace. */
  lintFunction(file: IndexedFile): (document: AnalyzedDocument) => readonly Finding[] {
    const options = { rules: this.catalogue.rules, workspace: this.index.workspaceFor(file.path) };
    return (document) => lintWithParameterFiles(document, parameterFilesFor(document, this.index.documents()), options).findings;
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
  }

  private run(file: IndexedFile): FileLint {
    if (file.analysis.kind === 'crashed') return { findings: [], internalErrors: [this.logOnce(file, `analysis failed: ${file.analysis.message}`)] };
    const document = file.document;
    if (!document) return NOTHING;
    try {
      const result = lintWithParameterFiles(document, parameterFilesFor(document, this.index.documents()), { rules: this.catalogue.rules, workspace: this.index.workspaceFor(file.path) });
      return { findings: result.findings, internalErrors: result.failures.map((f) => this.logOnce(file, `rule ${f.ruleId} failed: ${f.message}`)) };
    } catch (error) {
      return { findings: [], internalErrors: [this.logOnce(file, `linting failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)] };
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
