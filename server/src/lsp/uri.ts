import { fileURLToPath } from 'node:url';

/** The file system path of a `file:` URI; other schemes keep their URI, which still ends with the file name. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}
