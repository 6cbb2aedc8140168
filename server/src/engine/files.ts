import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { FileResult } from './scan';

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

/** The paths a listing could not list (missing, unlistable folders), as the results a scan gives them. */
export function unlisted(listing: FileListing): FileResult[] {
  return listing.problems.map((p) => ({ kind: 'unreadable', path: p.path, message: p.message }));
}

export interface ListOptions {
  /** honour `.gitignore` files: those of the folders walked and of their parents up to the repository root (default: true) */
  readonly gitignore?: boolean;
  /** more `.gitignore`-style patterns (a config's `exclude`), relative to `base` */
  readonly exclude?: { readonly base: string; readonly patterns: readonly string[] };
}

/** A set of `.gitignore`-style patterns and the folder they are relative to. */
interface IgnoreScope {
  readonly dir: string;
  readonly matcher: Ignore;
}

function scopeOf(dir: string, patterns: string | readonly string[]): IgnoreScope {
  return { dir, matcher: ignore().add(patterns) };
}

function gitignoreScope(dir: string): IgnoreScope | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return scopeOf(dir, text);
}

/**
 * The `.gitignore` scopes that apply inside `dir` from above it: those of its parents up to the repository root
 * (the nearest folder holding `.git`). Outside a repository only the walked folders' own files count, as for git.
 */
function parentGitignores(dir: string): IgnoreScope[] {
  const parents: string[] = [];
  for (let at = dir; !fs.existsSync(path.join(at, '.git')); ) {
    const parent = path.dirname(at);
    if (parent === at) return [];
    parents.unshift(parent);
    at = parent;
  }
  return parents.flatMap((d) => gitignoreScope(d) ?? []);
}

/**
 * Whether `full` is ignored by `scopes` (outermost first). As in git, a deeper file's patterns override an outer
 * one's, and a negation (`!keep.json`) re-includes what an outer pattern excluded.
 */
function ignoredBy(scopes: readonly IgnoreScope[], full: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { dir, matcher } of scopes) {
    const relative = path.relative(dir, full);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const result = matcher.test(relative.split(path.sep).join('/') + (isDir ? '/' : ''));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

/**
 * Expands the paths given on a command line into candidate files, in a stable order, leaving out what
 * `.gitignore` files and `exclude` patterns exclude. A file named explicitly is taken whatever its extension or
 * the ignore patterns, so a user can lint `template.arm` if they ask for it. `found` hears the count of files
 * found so far as it grows, for a caller that prepares for a large scan before the listing ends.
 */
export function listFiles(inputs: readonly string[], options: ListOptions = {}, found?: (count: number) => void): FileListing {
  const gitignore = options.gitignore ?? true;
  const exclude = options.exclude && options.exclude.patterns.length > 0 ? [scopeOf(path.resolve(options.exclude.base), options.exclude.patterns)] : [];
  const files = new Set<string>();
  const add = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    found?.(files.size);
  };
  const problems: { path: string; message: string }[] = [];
  const walk = (dir: string, scopes: readonly IgnoreScope[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: dir, message: `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    // Read only where the listing shows one: trying every folder cost a failed read each, a third of a large listing.
    const own = gitignore && entries.some((e) => e.name === '.gitignore') ? gitignoreScope(path.resolve(dir)) : undefined;
    const inner = own ? [...scopes, own] : scopes;
    const skipped = (full: string, isDir: boolean) => {
      if (inner.length === 0 && exclude.length === 0) return false;
      const absolute = path.resolve(full);
      return ignoredBy(inner, absolute, isDir) || ignoredBy(exclude, absolute, isDir);
    };
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !skipped(full, true)) walk(full, inner);
      } else if (entry.isFile() && isCandidateFile(entry.name) && !skipped(full, false)) {
        add(full);
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
    if (stat.isDirectory()) walk(input, gitignore ? parentGitignores(path.resolve(input)) : []);
    else add(input);
  }
  return { files: [...files], problems };
}
