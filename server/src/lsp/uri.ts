import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isCandidateFile } from '../engine/files';

/** The file system path of a `file:` URI; other schemes keep their URI, which still ends with the file name. */
export function uriToPath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

export function pathToUri(filePath: string): string {
  return path.isAbsolute(filePath) ? pathToFileURL(filePath).href : filePath;
}

/** The extension that stands for a language when the name has none ztlint knows (`untitled:Untitled-1`). */
const EXTENSION_OF_LANGUAGE: Readonly<Record<string, string>> = {
  bicep: '.bicep',
  'bicep-params': '.bicepparam',
  json: '.json',
  'arm-template': '.json',
  jsonc: '.jsonc',
  yaml: '.yaml',
};

/**
 * The path an open document is analysed under. The engine picks the syntax by file name, so a buffer whose
 * name says nothing (an untitled file, `Dockerfile.tmpl`) is named after the language the editor says it is in.
 */
export function analysisPath(uri: string, languageId: string): string {
  const filePath = uriToPath(uri);
  if (isCandidateFile(filePath)) return filePath;
  const extension = EXTENSION_OF_LANGUAGE[languageId];
  return extension ? filePath + extension : filePath;
}
