import type { CollectedFacts } from '../lint/collectFacts';
import type { FileFact, WorkspaceView } from '../lint/ruleApi';

/** A file of the workspace with the facts collected on it (see lint/collectFacts). */
export interface WorkspaceFile {
  readonly path: string;
  readonly facts: CollectedFacts;
}

/**
 * What the rules can see of a workspace: its files' facts, each name gathered once (in file order) from the files
 * that hold some. A scan lints every file against all the others: gathering per linted file made it quadratic.
 */
export function workspaceView(files: readonly WorkspaceFile[]): WorkspaceView {
  const byName = new Map<string, readonly FileFact[]>();
  return {
    facts(name) {
      let found = byName.get(name);
      if (!found) byName.set(name, (found = files.flatMap(({ path, facts }) => (facts[name] ?? []).map((fact) => ({ file: path, fact })))));
      return found;
    },
  };
}

/** The workspace as the rules of one file see it: everything but that file's own facts. */
export function withoutFile(view: WorkspaceView, filePath: string): WorkspaceView {
  return {
    facts(name) {
      const list = view.facts(name);
      return list.some((f) => f.file === filePath) ? list.filter((f) => f.file !== filePath) : list;
    },
  };
}
