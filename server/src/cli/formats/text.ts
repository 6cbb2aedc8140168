import type { Severity } from '../../lint/ruleApi';
import type { SyntaxSeverity } from '../../text/syntaxDiagnostic';
import { displayPath, regionOf } from './location';
import type { Report } from './report';

interface Line {
  readonly offset: number;
  readonly severity: Severity | SyntaxSeverity;
  readonly text: string;
}

/** ESLint-like: problems grouped by file, then a summary line. Suppressed findings are not shown. */
export function formatText({ files, base }: Report): string {
  const out: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  let linted = 0;
  for (const { result, findings, failures } of files) {
    const shown = displayPath(result.path, base);
    if (result.kind === 'unreadable') {
      counts.error++;
      out.push(shown, `  error  ${result.message}  file-unreadable`, '');
      continue;
    }
    const { document } = result;
    if (document.format !== 'not-linted') linted++;
    const lines: Line[] = [
      ...document.diagnostics.map((d) => ({ offset: d.range.start, severity: d.severity, text: `${d.message}  ${d.code}` })),
      ...findings.filter((f) => !f.suppression).map((f) => ({ offset: f.range.start, severity: f.severity, text: `${f.message}  ${f.ruleId}` })),
      ...failures.map((f) => ({ offset: 0, severity: 'error' as const, text: `rule ${f.ruleId} failed: ${f.message}  rule-failure` })),
    ].sort((a, b) => a.offset - b.offset);
    if (lines.length === 0) continue;
    out.push(shown);
    for (const line of lines) {
      const region = regionOf(document, { start: line.offset, end: line.offset });
      counts[line.severity]++;
      out.push(`  ${`${region.startLine}:${region.startColumn}`.padEnd(7)}  ${line.severity.padEnd(7)}  ${line.text}`);
    }
    out.push('');
  }
  const problems = counts.error + counts.warning + counts.info;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push(
    problems === 0
      ? `No problems in ${plural(linted, 'linted file')}.`
      : `${plural(problems, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${plural(linted, 'linted file')}.`,
  );
  return out.join('\n') + '\n';
}
