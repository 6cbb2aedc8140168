import type { ScanResult } from '../../engine/scan';
import { displayPath, regionOf } from './location';

/** ESLint-like: problems grouped by file, then a summary line. */
export function formatText(result: ScanResult, base: string): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let linted = 0;
  for (const file of result.files) {
    const shown = displayPath(file.path, base);
    if (file.kind === 'unreadable') {
      errors++;
      lines.push(shown, `  error  ${file.message}  file-unreadable`, '');
      continue;
    }
    const { document } = file;
    if (document.format !== 'not-linted') linted++;
    if (document.diagnostics.length === 0) continue;
    lines.push(shown);
    for (const diagnostic of document.diagnostics) {
      const region = regionOf(document, diagnostic.range);
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
      else infos++;
      lines.push(`  ${region.startLine}:${region.startColumn}  ${diagnostic.severity.padEnd(7)}  ${diagnostic.message}  ${diagnostic.code}`);
    }
    lines.push('');
  }
  const problems = errors + warnings + infos;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info`;
  lines.push(problems === 0 ? `No problems in ${linted} linted file${linted === 1 ? '' : 's'}.` : `${problems} problem${problems === 1 ? '' : 's'} (${counts}) in ${linted} linted file${linted === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
