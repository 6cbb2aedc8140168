import * as path from 'node:path';
import type { AnalyzedDocument } from './document';

const PARAMETERS_INFIX = '.parameters.';

/** Parameter files by the template they belong to, keyed as `templateKey` keys a template. */
type ParameterFileIndex = ReadonlyMap<string, readonly AnalyzedDocument[]>;

/** The key of a template that its parameter files name (see `parameterFileKeys`); none for other formats. */
export function templateKey(template: AnalyzedDocument): string | undefined {
  const templatePath = path.resolve(template.path);
  if (template.format === 'bicep') return `bicep:${templatePath}`;
  if (template.format === 'arm-template') return `arm:${path.dirname(templatePath)}\0${path.basename(templatePath).replace(/\.jsonc?$/i, '').toLowerCase()}`;
  return undefined;
}

/** The keys of every template a parameter file may belong to (an ARM name can split at more than one infix). */
export function parameterFileKeys(doc: AnalyzedDocument): string[] {
  if (doc.format === 'bicepparam') {
    const using = doc.parameterFile?.using;
    return using === undefined ? [] : [`bicep:${path.resolve(path.dirname(doc.path), using)}`];
  }
  if (doc.format !== 'arm-parameters') return [];
  const candidate = path.resolve(doc.path);
  const name = path.basename(candidate).toLowerCase();
  if (!/\.jsonc?$/.test(name)) return [];
  const keys: string[] = [];
  for (let at = name.indexOf(PARAMETERS_INFIX); at >= 0; at = name.indexOf(PARAMETERS_INFIX, at + 1)) keys.push(`arm:${path.dirname(candidate)}\0${name.slice(0, at)}`);
  return keys;
}

/** Built once per candidate list: a scan asks for every template's parameter files, which is quadratic otherwise. */
const indexes = new WeakMap<readonly AnalyzedDocument[], ParameterFileIndex>();

function indexOf(candidates: readonly AnalyzedDocument[]): ParameterFileIndex {
  let index = indexes.get(candidates);
  if (!index) {
    const byTemplate = new Map<string, AnalyzedDocument[]>();
    for (const doc of candidates) {
      for (const key of new Set(parameterFileKeys(doc))) {
        const list = byTemplate.get(key);
        if (list) list.push(doc);
        else byTemplate.set(key, [doc]);
      }
    }
    index = byTemplate;
    indexes.set(candidates, index);
  }
  return index;
}

/**
 * The parameter files among `candidates` that belong to `template`: a `.bicepparam` whose `using` names it, or
 * an ARM `x.parameters.json` (or `x.parameters.<env>.json`) beside `x.json`. A template is always analysable
 * without them; each one found gives another set of values to check it with. `candidates` must not change
 * between calls: its index is kept.
 */
export function parameterFilesFor(template: AnalyzedDocument, candidates: readonly AnalyzedDocument[]): AnalyzedDocument[] {
  const key = templateKey(template);
  return key === undefined ? [] : [...(indexOf(candidates).get(key) ?? [])];
}
