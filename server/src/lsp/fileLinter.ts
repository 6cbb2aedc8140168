import type { AnalyzedDocument } from '../engine/document';
import { lintWithParameterFiles, withCollectionFailures } from '../engine/lintScan';
import { internalErrorLog } from '../lint/internalError';
import type { Catalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { DeployedBodies } from '../lint/existingBodies';
import type { LintOptions } from '../lint/lintDocument';
import type { WorkspaceView } from '../lint/ruleApi';
import { EXCLUDED, type FileSettings } from './configStore';
import { changedFacts } from './changedFacts';
import { ReadsIndex } from './readsIndex';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

/** One file's lint result in the current workspace. */
export interface FileLint {
  readonly findings: readonly Finding[];
  /** what went wrong inside ztlint (analysis or a rule threw): shown as one internal-error diagnostic each */
  readonly internalErrors: readonly string[];
  /** the file's config excludes it: nothing is shown for it, not even its syntax errors, as the CLI never reads it */
  readonly excluded: boolean;
}

/** A view of the workspace that notes which facts the rules ask it for. */
function recordingView(view: WorkspaceView, names: Set<string>): WorkspaceView {
  return {
    facts(name) {
      names.add(name);
      return view.facts(name);
    },
  };
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
  private lastClosed: string | undefined;
  private readonly reads = new ReadsIndex();
  /** how many times each file was linted, for `ztlint.server.stats` */
  readonly runs = new Map<string, number>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly catalogue: Catalogue,
    /** the same object for as long as the file's config says the same (see ConfigStore) */
    private readonly settingsFor: (filePath: string) => FileSettings,
    private readonly log: (message: string) => void,
    /** the deployed state of `existing` resources, for open files only: what the user is looking at (azure/existing) */
    private readonly deployed?: DeployedBodies,
  ) {}

  lint(file: IndexedFile): FileLint {
    const settings = this.settingsFor(file.path);
    const cached = this.cache.get(file.path);
    if (cached && cached.revision === this.index.revision && cached.settings === settings) return cached.lint;
    const asked = new Set<string>();
    const lint = settings === EXCLUDED ? EXCLUDED_LINT : this.run(file, this.options(file, settings, asked), asked);
    if (settings === EXCLUDED) this.reads.delete(file.path);
    // Findings hold on to the model (fixes name its resources): a closed file's result is kept only until the
    // next closed file is linted, long enough for the publish that follows its lint.
    if (file.version === undefined) {
      if (this.lastClosed !== undefined && this.lastClosed !== file.path && this.index.get(this.lastClosed)?.version === undefined) this.cache.delete(this.lastClosed);
      this.lastClosed = file.path;
    }
    this.cache.set(file.path, { revision: this.index.revision, settings, lint });
    return lint;
  }

  /** The lint function `applyFixes` re-runs after each pass, with this file's workspace and settings. */
  lintFunction(file: IndexedFile): (document: AnalyzedDocument) => readonly Finding[] {
    const settings = this.settingsFor(file.path);
    if (settings === EXCLUDED) return () => [];
    const options = this.options(file, settings);
    return (document) => lintWithParameterFiles(document, this.index.parameterFilesFor(document), options).findings;
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
    this.reads.delete(filePath);
  }

  /**
   * The files whose findings may change now that `after` replaced `before` (either may be absent): those whose
   * last lint asked the workspace for facts that changed between the two (an edit that leaves them as they were
   * re-lints no other file), or used either as a parameter file, and the templates `after` now gives values to.
   * Files not linted yet are left to their first lint.
   */
  dependentsOf(changed: { before?: IndexedFile; after?: IndexedFile }): string[] {
    const filePath = (changed.after ?? changed.before)!.path;
    const dependents = new Set(this.reads.usersOf(filePath));
    for (const name of changedFacts(this.index.factsOf(changed.before), this.index.factsOf(changed.after))) for (const reader of this.reads.readersOf(name)) dependents.add(reader);
    if (changed.after?.document?.parameterFile) for (const template of this.index.templatesUsing(changed.after.document)) dependents.add(template);
    dependents.delete(filePath);
    return [...dependents];
  }

  private options(file: IndexedFile, settings: Exclude<FileSettings, typeof EXCLUDED>, asked = new Set<string>()): LintOptions {
    const deployed = this.deployed && file.version !== undefined ? { deployed: this.deployed } : {};
    return { rules: this.catalogue.rules, workspace: recordingView(this.index.workspaceFor(file.path), asked), strict: settings.strict, severities: settings.rules, timeoutMs: settings.analysisTimeoutMs, ...deployed };
  }

  private run(file: IndexedFile, options: LintOptions, asked: Set<string>): FileLint {
    this.runs.set(file.path, (this.runs.get(file.path) ?? 0) + 1);
    let parameterFiles: readonly AnalyzedDocument[] = [];
    try {
      if (file.analysis.kind === 'crashed') return { findings: [], internalErrors: [this.logOnce(file, `analysis failed: ${file.analysis.message}`)], excluded: false };
      if (file.analysis.kind !== 'analyzed') return NOTHING;
      const { document, facts } = file.analysis;
      try {
        parameterFiles = this.index.parameterFilesFor(document);
        // The file's line index serves the lint as well as the diagnostics, when it indexes the text linted.
        const lines = document.text === file.text ? { lines: () => file.lines } : {};
        const linted = lintWithParameterFiles(document, parameterFiles, { ...options, ...lines, collectFacts: !facts.known });
        if (linted.facts) facts.provide(linted.facts);
        const result = withCollectionFailures(linted, facts.get());
        return { findings: result.findings, internalErrors: result.failures.map((f) => this.logOnce(file, `rule ${f.ruleId} failed: ${f.message}`)), excluded: false };
      } catch (error) {
        return { findings: [], internalErrors: [this.logOnce(file, `linting failed: ${internalErrorLog(error)}`)], excluded: false };
      }
    } finally {
      // Once the rules have run: `asked` holds the names of the facts they read.
      this.reads.set(file.path, { facts: asked, parameterFiles: parameterFiles.map((p) => p.path) });
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
