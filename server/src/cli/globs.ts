import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { listFiles, type ListOptions } from '../engine/files';

/** A path as a glob sees it: relative to the current folder unless the glob is absolute, with forward slashes. */
function globPath(file: string, absolute: boolean): string {
  const resolved = path.resolve(file);
  return (absolute ? resolved : path.relative(process.cwd(), resolved)).split(path.sep).join('/');
}

/**
 * The paths with each glob (`'infra/**\/*.bicep'`: quoted, or from a shell that does not expand them) replaced by
 * the files it matches. They are found by walking the folder before the first wildcard as a folder argument is
 * walked, so `.gitignore` and the config's excludes apply. A glob that matches nothing is kept, and the scan
 * reports it as a path that does not exist.
 */
export function expandGlobs(paths: readonly string[], options: ListOptions): string[] {
  return paths.flatMap((arg) => {
    const scanned = picomatch.scan(arg);
    // A file or folder whose name only looks like a glob is what it names.
    if (!scanned.isGlob || fs.existsSync(arg)) return [arg];
    const pattern = arg.replace(/^\.\//, '');
    const matches = picomatch(pattern);
    const absolute = path.isAbsolute(arg);
    const files = listFiles([scanned.base || '.'], options).files.filter((file) => matches(globPath(file, absolute)));
    return files.length > 0 ? files : [arg];
  });
}
