import type { ZtlintConfig } from '../config/config';
import { didYouMean } from '../config/suggest';
import type { Catalogue } from '../lint/catalogue';
import type { OutputFormat } from './args';

/** `--list-rules`: every check with the severity it runs at under the config (`off` when turned off). */
export function listRules(catalogue: Catalogue, config: ZtlintConfig, format: OutputFormat): string {
  const rows = catalogue.descriptors.map((r) => ({ id: r.id, severity: config.rules.get(r.id) ?? r.severity, defaultSeverity: r.severity, area: r.area, title: r.title, fixable: r.fixable, ...(catalogue.docsUri(r.id) ? { docs: catalogue.docsUri(r.id) } : {}) }));
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  return rows.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.area.padEnd(10)}  ${r.title}`).join('\n') + '\n';
}

/** `--explain <rule>`: the rule's docs page, or why there is none (with the ids it may have meant). */
export function explainRule(catalogue: Catalogue, id: string): { readonly text: string } | { readonly error: string } {
  const meta = catalogue.meta(id);
  if (!meta) return { error: `unknown rule '${id}'${didYouMean(id, catalogue.descriptors.map((r) => r.id))}; --list-rules lists them` };
  const docs = catalogue.docs(id);
  return { text: docs ?? `# ${meta.id}\n\n${meta.title} (${meta.severity}, checked by the engine itself).\n` };
}
