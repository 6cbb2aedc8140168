import type { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { listFiles } from '../engine/files';
import { isConfigFile, type ConfigStore } from './configStore';
import type { FileLinter } from './fileLinter';
import { nextTurn, type LintScheduler } from './lintScheduler';
import type { WorkspaceIndex } from './workspaceIndex';
import { withYoungGenerationHeld } from './youngGeneration';

/** The `workspace/executeCommand` that rescans the workspace; the VS Code client sends it (client/src/serverCommands.ts). */
export const SCAN_WORKSPACE_COMMAND = 'ztlint.server.scanWorkspace';

/** Files read or linted between two looks at the message queue and two progress reports. */
const BATCH = 20;

export interface ScanSummary {
  /** the files read and linted: candidates that no config excludes */
  readonly files: number;
  /** their unsuppressed findings */
  readonly findings: number;
}

export interface WorkspaceScanContext {
  readonly index: WorkspaceIndex;
  readonly scheduler: LintScheduler;
  readonly linter: FileLinter;
  readonly configs: ConfigStore;
  readonly folders: () => readonly string[];
}

/**
 * Runs workspace scans one after the other: two at once would read the same files in interleaved turns. A scan
 * asked for while another waits to start is that one, which will see every change made before it starts.
 */
export class WorkspaceScanner {
  private last: Promise<unknown> = Promise.resolve();
  private waiting: Promise<ScanSummary> | undefined;

  constructor(private readonly context: WorkspaceScanContext) {}

  scan(progress: () => Promise<WorkDoneProgressReporter>): Promise<ScanSummary> {
    if (this.waiting) return this.waiting;
    const next = this.last.then(async () => {
      this.waiting = undefined;
      const reporter = await progress();
      return withYoungGenerationHeld(() => scanWorkspace(this.context, reporter));
    });
    this.waiting = next;
    this.last = next.catch(() => undefined);
    return next;
  }
}

/**
 * Reads every candidate file of the workspace folders that its config does not exclude into the index, drops
 * what has disappeared or become excluded since, then lints and publishes the files that are not open (open ones
 * are re-linted by the scheduler, now that they can see the whole workspace). Config files are read again first,
 * since they decide what is read. Yields to the message loop between batches so that edits and requests are
 * served while a large workspace is read. The workspace is never in memory whole: of a closed file, once read,
 * the index keeps its facts (see `WorkspaceIndex.summarize`), and the file is read again to be linted.
 */
async function scanWorkspace({ index, scheduler, linter, configs, folders }: WorkspaceScanContext, progress: WorkDoneProgressReporter): Promise<ScanSummary> {
  const listed = listFiles(folders()).files;
  progress.begin('ztlint', 0, `reading ${listed.length} files`, false);
  try {
    configs.refresh(listed.filter(isConfigFile));
    const files = listed.filter((file) => !isConfigFile(file) && !configs.isExcluded(file));
    const kept = new Set(files);
    for (const file of index.all()) if (!kept.has(file.path)) scheduler.diskChanged(file.path);
    for (let i = 0; i < files.length; i++) {
      index.putDisk(files[i]);
      index.summarize(files[i]);
      if (i % BATCH === BATCH - 1) {
        progress.report(Math.round((50 * i) / files.length), `reading ${i + 1}/${files.length}`);
        await nextTurn();
      }
    }
    scheduler.refreshOpenDocuments();
    let findings = 0;
    for (let i = 0; i < files.length; i++) {
      const indexed = index.get(files[i]);
      if (indexed) {
        const file = index.withModel(indexed);
        findings += linter.lint(file).findings.filter((f) => !f.suppression).length;
        if (!index.isOpen(file.path)) scheduler.publish(file);
      }
      if (i % BATCH === BATCH - 1) {
        progress.report(50 + Math.round((50 * i) / files.length), `linting ${i + 1}/${files.length}`);
        await nextTurn();
      }
    }
    return { files: files.length, findings };
  } finally {
    progress.done();
  }
}
