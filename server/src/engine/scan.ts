import * as fs from 'node:fs';
import { DEFAULT_ANALYSIS_TIMEOUT_MS, Deadline } from '../lint/deadline';
import { decodeText } from '../text/decode';
import type { AnalyzedDocument } from './document';
import { analyzeDocument } from './analyze';
import { listFiles, unlisted, type FileListing, type ListOptions } from './files';

/** Files larger than this are reported and skipped rather than read into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** One file's outcome: the analysed document, or why it could not be read. */
export type FileResult =
  | { readonly kind: 'analyzed'; readonly path: string; readonly document: AnalyzedDocument }
  | { readonly kind: 'unreadable'; readonly path: string; readonly message: string };

export interface ScanResult {
  readonly files: readonly FileResult[];
}

/** Reads and analyses one file; its YAML is read until the file has taken `timeoutMs` (see `analyzeDocument`). */
export function readAndAnalyze(filePath: string, timeoutMs = DEFAULT_ANALYSIS_TIMEOUT_MS): FileResult {
  const deadline = new Deadline(timeoutMs);
  let bytes: Buffer;
  try {
    const size = fs.statSync(filePath).size;
    if (size > MAX_FILE_BYTES) return { kind: 'unreadable', path: filePath, message: `file is ${(size / 1048576).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1048576} MB limit` };
    bytes = fs.readFileSync(filePath);
  } catch (error) {
    return { kind: 'unreadable', path: filePath, message: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'unreadable', path: filePath, message: decoded.reason };
  return { kind: 'analyzed', path: filePath, document: analyzeDocument(filePath, decoded.text, {}, deadline) };
}

/** Reads every candidate file under `inputs`; problems with one file never stop the others. */
export function scan(inputs: readonly string[], options: ListOptions = {}, timeoutMs?: number): ScanResult {
  return readListed(listFiles(inputs, options), timeoutMs);
}

/** `scan` of files already listed. */
export function readListed(listing: FileListing, timeoutMs?: number): ScanResult {
  const files = unlisted(listing);
  for (const file of listing.files) files.push(readAndAnalyze(file, timeoutMs));
  return { files };
}
