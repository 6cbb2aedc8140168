import * as fs from 'node:fs';
import * as path from 'node:path';

/** File name endings ztlint reads; which of them are really templates or manifests is decided by content. */
const CANDIDATE_EXTENSIONS = ['.bicep', '.bicepparam', '.json', '.jsonc', '.yaml', '.yml'];

/** Folders that never hold a project's own infrastructure code. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isCandidateFile(filePath: string): boolean {
  const lower = filePath.toLowerCase();
  return CANDIDATE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export interface FileListing {
  readonly files: string[];
  /** paths given that do not exist or cannot be listed, with the reason */
  readonly problems: { readonly path: string; readonly message: string }[];
}

/**
 * Expands the paths given on a command line into candidate files, in a stable order. A file named explicitly is
 * taken whatever its extension, so a user can lint `template.arm` if they ask for it.
 */
export function listFiles(inputs: readonly string[]): FileListing {
  const files = new Set<string>();
  const problems: { path: string; message: string }[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isFile() && isCandidateFile(entry.name)) {
        files.add(full);
      }
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (error) {
      problems.push({ path: input, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : String(error) });
      continue;
    }
    if (stat.isDirectory()) walk(input);
    else files.add(input);
  }
  return { files: [...files], problems };
}
