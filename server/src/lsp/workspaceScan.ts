import type { WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { listFiles } from '../engine/files';
import type { LintScheduler } from './lintScheduler';
import type { WorkspaceIndex } from './workspaceIndex';

/** Files read or linted between two looks at the message queue and two progress reports. */
const BATCH = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads every candidate file of the workspace folders into the index, then lints and publishes the files that
 * are not open (open ones are re-linted by the scheduler, now that they can see the whole workspace). Yields to
 * the message loop between batches so that edits and requests are served while a large workspace is read.
 */
export async function scanWorkspace(folders: readonly string[], index: WorkspaceIndex, scheduler: LintScheduler, progress: WorkDoneProgressServerReporter): Promise<{ files: number }> {
  const { files } = listFiles(folders);
  progress.begin('ztlint', 0, `reading ${files.length} files`, false);
  try {
    for (let i = 0; i < files.length; i++) {
      index.putDisk(files[i]);
      if (i % BATCH === BATCH - 1) {
        progress.report(Math.round((50 * i) / files.length), `reading ${i + 1}/${files.length}`);
        await nextTurn();
      }
    }
    scheduler.refreshOpenDocuments();
    for (let i = 0; i < files.length; i++) {
      const file = index.get(files[i]);
      if (file && !index.isOpen(file.path)) scheduler.publish(file);
      if (i % BATCH === BATCH - 1) {
        progress.report(50 + Math.round((50 * i) / files.length), `linting ${i + 1}/${files.length}`);
        await nextTurn();
      }
    }
  } finally {
    progress.done();
  }
  return { files: files.length };
}
