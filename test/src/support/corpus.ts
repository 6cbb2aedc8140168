import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText } from 'ztlint/text/decode';

/** `../shared/corpus` beside the repository: real-world files used for coverage, false positives and speed. */
export const CORPUS_ROOT = path.resolve(__dirname, '../../../../shared/corpus');

export type CorpusKind = 'bicep' | 'bicepparam' | 'arm' | 'armparams' | 'k8s' | 'helm';

export interface CorpusEntry {
  readonly path: string;
  readonly kind: CorpusKind;
  readonly bytes: number;
  readonly tags?: readonly string[];
  readonly strictJson?: boolean;
  readonly yamlErrors?: unknown;
}

export interface CorpusFile extends CorpusEntry {
  readonly absolutePath: string;
  readonly text: string;
}

export function corpusEntries(...kinds: CorpusKind[]): CorpusEntry[] {
  const indexPath = path.join(CORPUS_ROOT, 'index.json');
  if (!fs.existsSync(indexPath)) throw new Error(`the shared corpus is missing: expected ${indexPath}`);
  const index = JSON.parse(fs.readFileSync(indexPath, 'utf8')) as { files: CorpusEntry[] };
  return index.files.filter((f) => kinds.includes(f.kind));
}

export function readCorpusFile(entry: CorpusEntry): CorpusFile {
  const absolutePath = path.join(CORPUS_ROOT, entry.path);
  const decoded = decodeText(fs.readFileSync(absolutePath));
  if (!decoded.ok) throw new Error(`${entry.path}: ${decoded.reason}`);
  return { ...entry, absolutePath, text: decoded.text };
}

export function corpusFiles(...kinds: CorpusKind[]): CorpusFile[] {
  return corpusEntries(...kinds).map(readCorpusFile);
}

export function isInvalid(entry: CorpusEntry): boolean {
  return entry.tags?.includes('invalid') ?? false;
}
