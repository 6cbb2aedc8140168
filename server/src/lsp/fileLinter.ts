import type { AnalyzedDocument } from '../engine/document';
import { lintWithParameterFiles } from '../engine/lintScan';
import { internalErrorLog } from '../lint/internalError';
import type { Catalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { DeployedBodies } from '../lint/existingBodies';
import type { LintOptions } from '../lint/lintDocument';
import type { WorkspaceView } from '../lint/ruleApi';
import { EXCLUDED, type FileSettings } from './configStore';
import { objectKey, resourceKey } from '../engine/workspaceView';
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

/** A view of the workspace that notes what the rules ask it for. */
function recordingView(view: WorkspaceView, facts: Set<string>): WorkspaceView {
  return {
    resources(...types) {
      for (const type of types) facts.add(resourceKey(type));
      return view.resources(...types);
    },
    kubernetesObjects(kind) {
      facts.add(objectKey(kind));
      return view.kubernetesObjects(kind);
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
  private readonly askedFacts = new Set<string>();
  private readonly newlyAsked: string[] = [];
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
    const facts = new Set<string>();
    const lint = settings === EXCLUDED ? EXCLUDED_LINT : this.run(file, this.options(file, settings, facts), facts);
    if (settings === EXCLUDED) this.reads.delete(file.path);
    for (const fact of facts) {
      if (this.askedFacts.has(fact)) continue;
      this.askedFacts.add(fact);
      this.newlyAsked.push(fact);
    }
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

  /** Everything the rules have ever asked the workspace view for. */
  asked(): ReadonlySet<string> {
    return this.askedFacts;
  }

  /** What was asked for the first time since the last call: the facts a compacted index must read back. */
  takeNewlyAsked(): string[] {
    return this.newlyAsked.splice(0);
  }

  /** The files whose last lint asked for `fact`. */
  askers(fact: string): readonly string[] {
    return this.reads.readersOf(fact);
  }

  forget(filePath: string): void {
    this.cache.delete(filePath);
    this.reads.delete(filePath);
  }

  /**
   * The files whose findings may change now that `after` replaced `before` (either may be absent): those whose
   * last lint asked the workspace for a resource type or object kind that `before` or `after` declares, or used
   * either as a parameter file, and the templates `after` now gives values to. Files not linted yet are left to
   * their first lint.
   */
  dependentsOf(changed: { before?: IndexedFile; after?: IndexedFile }): string[] {
    const provided = new Set([...this.index.provides(changed.before), ...this.index.provides(changed.after)]);
    const filePath = (changed.after ?? changed.before)!.path;
    const dependents = new Set(this.reads.usersOf(filePath));
    for (const fact of provided) for (const reader of this.reads.readersOf(fact)) dependents.add(reader);
    if (changed.after?.document?.parameterFile) for (const template of this.index.templatesUsing(changed.after.document)) dependents.add(template);
    dependents.delete(filePath);
    return [...dependents];
  }

  private options(file: IndexedFile, settings: Exclude<FileSettings, typeof EXCLUDED>, facts = new Set<string>()): LintOptions {
    const deployed = this.deployed && file.version !== undefined ? { deployed: this.deployed } : {};
    return { rules: this.catalogue.rules, workspace: recordingView(this.index.workspaceFor(file.path), facts), strict: settings.strict, severities: settings.rules, timeoutMs: settings.analysisTimeoutMs, ...deployed };
  }

  private run(file: IndexedFile, options: LintOptions, facts: Set<string>): FileLint {
    this.runs.set(file.path, (this.runs.get(file.path) ?? 0) + 1);
    let parameterFiles: readonly AnalyzedDocument[] = [];
    try {
      if (file.analysis.kind === 'crashed') return { findings: [], internalErrors: [this.logOnce(file, `analysis failed: ${file.analysis.message}`)], excluded: false };
      const document = file.document;
      if (!document) return NOTHING;
      try {
        parameterFiles = this.index.parameterFilesFor(document);
        // The file's line index serves the lint as well as the diagnostics, when it indexes the text linted.
        const result = lintWithParameterFiles(document, parameterFiles, document.text === file.text ? { ...options, lines: () => file.lines } : options);
        return { findings: result.findings, internalErrors: result.failures.map((f) => this.logOnce(file, `rule ${f.ruleId} failed: ${f.message}`)), excluded: false };
      } catch (error) {
        return { findings: [], internalErrors: [this.logOnce(file, `linting failed: ${internalErrorLog(error)}`)], excluded: false };
      }
    } finally {
      // Once the rules have run: `facts` holds what they asked for.
      this.reads.set(file.path, { facts, parameterFiles: parameterFiles.map((p) => p.path) });
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
