import * as path from 'node:path';
import type { AnalyzedDocument } from './document';

/**
 * The parameter files among `candidates` that belong to `template`: a `.bicepparam` whose `using` names it, or
 * an ARM `x.parameters.json` (or `x.parameters.<env>.json`) beside `x.json`. A template is always analysable
 * without them; each one found gives another set of values to check it with.
 */
export function parameterFilesFor(template: AnalyzedDocument, candidates: readonly AnalyzedDocument[]): AnalyzedDocument[] {
  const templatePath = path.resolve(template.path);
  if (template.format === 'bicep') {
    return candidates.filter((doc) => {
      const using = doc.format === 'bicepparam' ? doc.parameterFile?.using : undefined;
      return using !== undefined && path.resolve(path.dirname(doc.path), using) === templatePath;
    });
  }
  if (template.format === 'arm-template') {
    const dir = path.dirname(templatePath);
    const stem = path.basename(templatePath).replace(/\.jsonc?$/i, '').toLowerCase();
    return candidates.filter((doc) => {
      if (doc.format !== 'arm-parameters') return false;
      const candidate = path.resolve(doc.path);
      const name = path.basename(candidate).toLowerCase();
      return path.dirname(candidate) === dir && /\.jsonc?$/.test(name) && (name.startsWith(`${stem}.parameters.`));
    });
  }
  return [];
}
